using Shears.Testing;

namespace Shears.Tests.Evaluation.Reports;

/// <summary>
/// Debian's chromium run headless on a local file: a screenshot, or the DOM after loading. Each run gets its own
/// profile folder so runs neither share state nor touch the user's, and logs to standard error, where the page's
/// console messages (script errors, blocked resource loads) appear as lines with ":CONSOLE".
/// </summary>
internal sealed class HeadlessChromium(string executable, string scratch)
{
    /// <summary>Set to make the browser tests fail rather than skip when chromium is missing (CI sets it).</summary>
    public const string RequireVariable = "SHEARS_REQUIRE_CHROMIUM";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The chromium executable on PATH, or null.</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Chromium from PATH, its runs' files in <paramref name="scratch"/>; fails saying what to install when it is missing.</summary>
    public static HeadlessChromium Require(string scratch) =>
        new(Find() ?? throw new InvalidOperationException($"chromium is not on PATH ({RequireVariable} is set, so the test fails rather than skips); run scripts/setup test"), scratch);

    /// <summary>The arguments every run shares: headless, no GPU, no sandbox (tests run as root), a fresh profile, logging on.</summary>
    private static string[] CommonArguments(string profile) =>
    [
        "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--hide-scrollbars",
        $"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
    ];

    /// <summary>Loads <paramref name="page"/> and saves a <paramref name="width"/>×<paramref name="height"/> screenshot to <paramref name="png"/>.</summary>
    public PythonRun Screenshot(string page, string png, int width, int height) =>
        Run([$"--screenshot={png}", $"--window-size={width},{height}", new Uri(page).AbsoluteUri]);

    /// <summary>Loads <paramref name="page"/> and prints the DOM it built on standard output.</summary>
    public PythonRun DumpDom(string page) => Run(["--dump-dom", new Uri(page).AbsoluteUri]);

    /// <summary>The page's console messages in a run's log.</summary>
    public static IReadOnlyList<string> ConsoleMessages(PythonRun run) =>
        [.. run.Errors.Split('\n').Where(line => line.Contains(":CONSOLE", StringComparison.Ordinal))];

    private PythonRun Run(IEnumerable<string> arguments)
    {
        var profile = Directory.CreateDirectory(Path.Combine(scratch, $"chromium-profile-{Guid.NewGuid():N}"));
        return ProcessRun.Run(executable, [.. CommonArguments(profile.FullName), .. arguments], scratch, Timeout);
    }
}
