namespace Shears.Tests.Evaluation.Reports;

/// <summary>
/// A fact skipped, saying why, when chromium is not installed, unless SHEARS_REQUIRE_CHROMIUM is set: then it runs
/// and fails, so CI (where scripts/setup installs chromium) cannot pass by skipping.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Find() is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(HeadlessChromium.RequireVariable)))
        {
            Skip = $"chromium is not on PATH; install the Debian package chromium (scripts/setup test does) to render the HTML report, or set {HeadlessChromium.RequireVariable}=1 to fail instead";
        }
    }
}
