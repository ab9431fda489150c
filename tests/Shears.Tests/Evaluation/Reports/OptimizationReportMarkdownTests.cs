using Shears.Evaluation.Reports;

namespace Shears.Tests.Evaluation.Reports;

public sealed class OptimizationReportMarkdownTests
{
    private readonly string _markdown = OptimizationReportMarkdown.Render(SyntheticReports.Cnn());

    [Fact]
    public void The_summary_says_the_budget_was_met_and_why_the_loop_stopped()
    {
        Assert.Contains("**Budget met; the loop stopped: budget met.**", _markdown, StringComparison.Ordinal);
        Assert.Contains("- Budget: 0.25× latency at batch 1,128", _markdown, StringComparison.Ordinal);
        Assert.Contains("- Latency: measured: measured in onnxruntime on this host, 1 thread", _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_optimised_row_has_its_speedups_and_both_drops()
    {
        var row = Row("| optimised |");

        // 0.040 / 0.010 ms at batch 1, 3.74 / 0.91 ms at batch 128; 90.65% against 91.20% (input) and 91.80% (control).
        Assert.Contains("| 0.01 (4.00×) |", row, StringComparison.Ordinal);
        Assert.Contains("| 0.91 (4.11×) |", row, StringComparison.Ordinal);
        Assert.Contains("| -0.55 | -1.15 |", row, StringComparison.Ordinal);
        Assert.Contains("| 90.65% |", row, StringComparison.Ordinal);
        Assert.Contains("| 610k |", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Drops_are_given_against_the_input_model_and_the_dense_control()
    {
        Assert.Contains("-0.55 points against the input model, -1.15 points against the dense control", _markdown, StringComparison.Ordinal);
        Assert.Contains("| dense control | 91.80% |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| uniform baseline | 89.50% |", _markdown, StringComparison.Ordinal);
        Assert.Contains("latency at batch 1, ms (measured)", _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_iteration_and_layer_has_a_row()
    {
        Assert.Contains("| 3 | 0.33 | 89.40% |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| rejected | rejected: validation accuracy fell 1.7 points |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| conv2 | Conv | 64 → 24 | 0% → 0% | 0.0152 → 0.0041 | 0.0149 → 0.0044 | most latency per kept importance |", _markdown, StringComparison.Ordinal);
        Assert.Contains("| fc1\\_sparse | MatMul | 128 → 128 | 0% → 0% | 0.0021 → 0.002 | — |", _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_run_cannot_break_a_table_or_inject_markup()
    {
        Assert.Contains("features \\| cut to 40", _markdown, StringComparison.Ordinal);
        Assert.Contains("conv2 \\<b\\>&\\</b\\> its shortcut", _markdown, StringComparison.Ordinal);
        Assert.Contains("- Iteration 3 was rolled back \\| retried", _markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pareto_front_is_listed_cheapest_first()
    {
        var front = _markdown[_markdown.IndexOf("## Search", StringComparison.Ordinal)..];

        Assert.Contains("The search scored 10 candidates; 5 are on the Pareto front", front, StringComparison.Ordinal);
        Assert.True(front.IndexOf("step 5: conv1 -8", StringComparison.Ordinal) < front.IndexOf("step 1: conv2 -16", StringComparison.Ordinal));
        Assert.DoesNotContain("step 5: fc1 -16", front, StringComparison.Ordinal);
    }

    [Fact]
    public void A_predicted_unmet_run_without_search_or_controls_says_so()
    {
        var report = SyntheticReports.Cnn() with
        {
            LatencyMeasured = false,
            LatencyMethod = "predicted by the roofline model of arm-cortex-a76",
            BudgetMet = false,
            StopReason = "no progress in 3 iterations",
            DenseControl = null,
            UniformBaseline = null,
            Pareto = [],
            Planner = "latency",
        };

        var markdown = OptimizationReportMarkdown.Render(report);

        Assert.Contains("**Budget not met; the loop stopped: no progress in 3 iterations.**", markdown, StringComparison.Ordinal);
        Assert.Contains("- Latency: predicted by the latency model, not measured: predicted by the roofline", markdown, StringComparison.Ordinal);
        Assert.Contains("latency at batch 1, ms (predicted)", markdown, StringComparison.Ordinal);
        Assert.Contains("; no dense control was run.", markdown, StringComparison.Ordinal);
        Assert.Contains("No search candidates: the latency planner does not search.", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("| dense control |", markdown, StringComparison.Ordinal);
    }

    private string Row(string start)
    {
        var at = _markdown.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no row starting {start}");
        return _markdown[at.._markdown.IndexOf('\n', at)];
    }
}
