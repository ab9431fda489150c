using System.Text.RegularExpressions;
using Shears.Evaluation.Reports;
using SkiaSharp;

namespace Shears.Tests.Evaluation.Reports;

/// <summary>index.html as a browser shows it: headless chromium renders it offline, draws the four plots, logs nothing.</summary>
public sealed class OptimizationReportBrowserTests : IDisposable
{
    private const int Width = 1200;
    private const int Height = 3000;

    private readonly string _scratch = Directory.CreateTempSubdirectory("shears-browser-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [ChromiumFact]
    public void Chromium_renders_the_report_with_its_four_plots_and_no_console_errors()
    {
        var chromium = HeadlessChromium.Require(_scratch);
        var folder = Path.Combine(_scratch, "report");
        OptimizationReportWriter.Write(SyntheticReports.Cnn(), folder);
        var page = Path.Combine(folder, OptimizationReportWriter.HtmlFile);
        var html = File.ReadAllText(page);
        Assert.DoesNotMatch(ReportMarkup.ExternalReference(), html);

        var png = Path.Combine(_scratch, "report.png");
        var shot = chromium.Screenshot(page, png, Width, Height);
        var dom = chromium.DumpDom(page);

        Assert.True(shot.ExitCode == 0, $"chromium --screenshot exited {shot.ExitCode}: {shot.LastErrorLine}");
        Assert.True(dom.ExitCode == 0, $"chromium --dump-dom exited {dom.ExitCode}: {dom.LastErrorLine}");
        Assert.Empty(HeadlessChromium.ConsoleMessages(shot));
        Assert.Empty(HeadlessChromium.ConsoleMessages(dom));

        var plots = ReportMarkup.Svg().Matches(dom.Output);
        Assert.Equal(4, plots.Count);
        foreach (Match plot in plots)
        {
            Assert.True(ReportMarkup.DataMark().Matches(plot.Value).Count >= 5, $"a plot drew fewer than 5 data marks: {plot.Value[..Math.Min(200, plot.Value.Length)]}");
        }

        using var screenshot = SKBitmap.Decode(png) ?? throw new InvalidOperationException($"{png} is not an image chromium wrote");
        Assert.Equal((Width, Height), (screenshot.Width, screenshot.Height));
        var colours = new HashSet<SKColor>();
        var barBlue = 0;
        var orange = 0;
        for (var y = 0; y < screenshot.Height; y += 2)
        {
            for (var x = 0; x < screenshot.Width; x += 2)
            {
                var pixel = screenshot.GetPixel(x, y);
                colours.Add(pixel);
                barBlue += Near(pixel, 0x00, 0x72, 0xb2) ? 1 : 0;
                orange += Near(pixel, 0xe6, 0x9f, 0x00) ? 1 : 0;
            }
        }
        // A blank page has one colour; text alone adds greys. The plots' blue bars and line and the orange
        // predicted-latency bars and uniform-baseline marker show that the SVG was drawn, not just laid out.
        Assert.True(colours.Count > 50, $"the screenshot has only {colours.Count} colours");
        Assert.True(barBlue > 500, $"only {barBlue} sampled pixels of the plots' blue");
        Assert.True(orange > 50, $"only {orange} sampled pixels of the plots' orange");
    }

    [ChromiumFact]
    public void The_console_check_catches_a_script_error_and_a_blocked_download()
    {
        // The check above passes on a page that logs nothing; this shows it would see a page that does.
        var chromium = HeadlessChromium.Require(_scratch);
        var page = Path.Combine(_scratch, "broken.html");
        File.WriteAllText(page, """
            <!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'"></head>
            <body><img src="https://example.invalid/plot.png"><script>throw new Error("broken-page")</script></body></html>
            """);

        var messages = HeadlessChromium.ConsoleMessages(chromium.DumpDom(page));

        Assert.Contains(messages, m => m.Contains("broken-page", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("example.invalid", StringComparison.Ordinal));
    }

    private static bool Near(SKColor pixel, byte red, byte green, byte blue) =>
        Math.Abs(pixel.Red - red) <= 8 && Math.Abs(pixel.Green - green) <= 8 && Math.Abs(pixel.Blue - blue) <= 8;
}
