using System.Text.RegularExpressions;
using Shears.Evaluation.Reports;

namespace Shears.Tests.Evaluation.Reports;

public sealed class OptimizationReportHtmlTests
{
    private readonly string _html = OptimizationReportHtml.Render(SyntheticReports.Cnn());

    [Fact]
    public void The_page_loads_nothing_from_outside_and_runs_no_script()
    {
        Assert.DoesNotMatch(ReportMarkup.ExternalReference(), _html);
        Assert.DoesNotContain("<script", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", _html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", _html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void It_holds_the_four_plots_each_with_drawn_data()
    {
        var plots = ReportMarkup.Svg().Matches(_html);

        Assert.Equal(4, plots.Count);
        foreach (Match plot in plots)
        {
            Assert.Matches(ReportMarkup.DataMark(), plot.Value);
        }
        Assert.Contains("id=\"plot-channels\"", _html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-layer-latency\"", _html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-accuracy\"", _html, StringComparison.Ordinal);
        Assert.Contains("id=\"plot-pareto\"", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_accuracy_plot_joins_the_iterations_and_draws_the_controls_beside()
    {
        var plot = Figure("plot-accuracy");

        Assert.Single(Regex.Matches(plot, "<polyline"));
        Assert.Equal(5, Regex.Matches(plot, "<circle[^>]*><title>iteration ").Count);
        Assert.Contains("<title>dense control (test): 91.80% test accuracy at 0.04 ms</title>", plot, StringComparison.Ordinal);
        Assert.Contains("<title>uniform baseline (test): 89.50% test accuracy at 0.011 ms</title>", plot, StringComparison.Ordinal);
        Assert.Contains("latency at batch 1 (ms, measured)", plot, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pareto_plot_draws_the_front_as_a_line_over_all_candidates()
    {
        var plot = Figure("plot-pareto");

        Assert.Single(Regex.Matches(plot, "<polyline"));
        Assert.Equal(10, Regex.Matches(plot, "<circle").Count - LegendMarkers(plot));
    }

    [Fact]
    public void Without_search_candidates_the_pareto_plot_says_so()
    {
        var html = OptimizationReportHtml.Render(SyntheticReports.Cnn() with { Pareto = [], Planner = "uniform" });

        var plot = Figure("plot-pareto", html);

        Assert.Contains("no search candidates (the uniform planner does not search)", plot, StringComparison.Ordinal);
        Assert.DoesNotContain("<circle", plot, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sparsity_change_adds_a_sparsity_plot()
    {
        var report = SyntheticReports.Cnn();
        var layers = report.Layers.Select((l, i) => i == 4 ? l with { SparsityAfter = 0.9 } : l).ToList();

        var html = OptimizationReportHtml.Render(report with { Layers = layers });

        Assert.Equal(5, ReportMarkup.Svg().Matches(html).Count);
        Assert.Contains("<title>fc1_sparse — after: 90%</title>", Figure("plot-sparsity", html), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_run_is_escaped()
    {
        Assert.Contains("conv2 &lt;b&gt;&amp;&lt;/b&gt; its shortcut", _html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>&</b>", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tables_show_the_figures_the_markdown_shows()
    {
        Assert.Contains("<td class=\"n\">0.01 (4.00×)</td>", _html, StringComparison.Ordinal);
        Assert.Contains("<td>blocks.2.residual/conv_b_long_name</td>", _html, StringComparison.Ordinal);
        Assert.Contains("<p class=\"verdict met\">Budget met; the loop stopped: budget met.</p>", _html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_report_renders_the_same_page()
    {
        Assert.Equal(_html, OptimizationReportHtml.Render(SyntheticReports.Cnn()));
    }

    private string Figure(string id, string? html = null)
    {
        html ??= _html;
        var start = html.IndexOf($"<figure id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no figure {id}");
        return html[start..html.IndexOf("</figure>", start, StringComparison.Ordinal)];
    }

    // Legend swatches are circles without a tooltip; data marks carry one.
    private static int LegendMarkers(string plot) => Regex.Matches(plot, "<circle[^>]*/>").Count;
}
