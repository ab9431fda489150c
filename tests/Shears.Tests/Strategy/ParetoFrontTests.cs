using Shears.Strategy;

namespace Shears.Tests.Strategy;

public sealed class ParetoFrontTests
{
    [Fact]
    public void Only_candidates_no_other_beats_on_both_are_on_the_front()
    {
        PlanCandidate C(string label, double cost, double accuracy) => new(label, cost, accuracy, false);
        var marked = ParetoFront.Mark([C("a", 10, 0.90), C("b", 8, 0.85), C("c", 8, 0.80), C("d", 12, 0.90), C("e", 5, 0.60), C("f", 5, 0.60)]);
        // c: b is as cheap and more accurate; d: a is cheaper and as accurate. e and f tie, and neither beats the other.
        Assert.Equal(["a", "b", "e", "f"], marked.Where(m => m.OnFront).Select(m => m.Label));
        Assert.Equal(["a", "b", "c", "d", "e", "f"], marked.Select(m => m.Label));
    }
}
