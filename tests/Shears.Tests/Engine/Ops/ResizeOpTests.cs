using Shears.IR;

namespace Shears.Tests.Engine.Ops;

public sealed class ResizeOpTests
{
    /// <summary>Resize-11+ with scales (or sizes when given) on an NCHW input.</summary>
    private static Model Resize(long[] shape, float[]? scales, long[]? sizes, int opset, params NodeAttribute[] attributes)
    {
        var b = new GraphBuilder();
        var x = b.Input("x", shape);
        var roi = b.Initializer(Tensor.FromFloats("roi", [0], []));
        var scaleInput = scales is null ? "" : b.Initializer(Tensor.FromFloats("scales", [scales.Length], scales));
        var inputs = sizes is null ? new[] { x, roi, scaleInput } : [x, roi, scaleInput, b.Vector("sizes", sizes)];
        b.Output(b.Add("Resize", inputs, attributes));
        return b.ToModel(opset);
    }

    private static NodeAttribute Attr(string name, string value) => NodeAttribute.Of(name, value);

    [Theory]
    [InlineData("asymmetric", "floor")]
    [InlineData("half_pixel", "round_prefer_floor")]
    [InlineData("half_pixel", "round_prefer_ceil")]
    [InlineData("pytorch_half_pixel", "round_prefer_floor")]
    [InlineData("align_corners", "round_prefer_ceil")]
    [InlineData("tf_half_pixel_for_nn", "ceil")]
    [InlineData("asymmetric", "round_prefer_floor")]
    public void Nearest_resize_matches_ort(string transform, string nearest)
    {
        var attributes = new[] { Attr("mode", "nearest"), Attr("coordinate_transformation_mode", transform), Attr("nearest_mode", nearest) };
        EngineVsOrt.AssertSame(Resize([1, 2, 3, 4], [1, 1, 2, 2], null, 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 2, 5, 7], [1, 1, 1.5f, 0.6f], null, 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 2, 5, 7], null, [1, 2, 8, 3], 13, attributes));
    }

    [Theory]
    [InlineData("half_pixel")]
    [InlineData("pytorch_half_pixel")]
    [InlineData("align_corners")]
    [InlineData("asymmetric")]
    public void Linear_resize_matches_ort(string transform)
    {
        var attributes = new[] { Attr("mode", "linear"), Attr("coordinate_transformation_mode", transform) };
        EngineVsOrt.AssertSame(Resize([2, 3, 4, 5], [1, 1, 2, 2], null, 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 2, 6, 7], [1, 1, 0.5f, 1.7f], null, 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 2, 5, 4], null, [1, 2, 9, 1], 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 2, 3, 4, 5], [1, 1, 2, 1.5f, 0.8f], null, 13, attributes));
    }

    [Theory]
    [InlineData("half_pixel", 0)]
    [InlineData("align_corners", 0)]
    [InlineData("half_pixel", 1)]
    public void Cubic_resize_matches_ort(string transform, long excludeOutside)
    {
        var attributes = new[] { Attr("mode", "cubic"), Attr("coordinate_transformation_mode", transform), NodeAttribute.Of("exclude_outside", excludeOutside), NodeAttribute.Of("cubic_coeff_a", -0.5f) };
        EngineVsOrt.AssertSame(Resize([1, 2, 4, 5], [1, 1, 2, 1.6f], null, 13, attributes));
        EngineVsOrt.AssertSame(Resize([1, 1, 7, 6], null, [1, 1, 3, 4], 13, attributes));
    }

    [Fact]
    public void Resize_10_and_Upsample_use_asymmetric_truncation()
    {
        foreach (var mode in new[] { "nearest", "linear" })
        {
            var b = new GraphBuilder();
            b.Output(b.Add("Resize", [b.Input("x", 1, 2, 3, 4), b.Initializer(Tensor.FromFloats("s", [4], [1, 1, 2.5f, 0.5f]))], Attr("mode", mode)));
            EngineVsOrt.AssertSame(b.ToModel(10));

            var up = new GraphBuilder();
            up.Output(up.Add("Upsample", [up.Input("x", 1, 2, 3, 4), up.Initializer(Tensor.FromFloats("s", [4], [1, 1, 2, 3]))], Attr("mode", mode)));
            EngineVsOrt.AssertSame(up.ToModel(9));

            var old = new GraphBuilder();
            old.Output(old.Add("Upsample", [old.Input("x", 1, 2, 3, 4)], Attr("mode", mode), NodeAttribute.Of("scales", 1f, 1f, 2f, 2f)));
            EngineVsOrt.AssertSame(old.ToModel(8));
        }
    }

    [Fact]
    public void Nearest_resize_gradient_sums_copies()
    {
        var model = Resize([1, 1, 2, 3], [1, 1, 2, 1.5f], null, 13, Attr("mode", "nearest"));
        GradientCheck.Verify(model, new Dictionary<string, float[]> { ["x"] = GradientCheck.RandomData(6, 1) });
    }

    [Fact]
    public void Unsupported_modes_fail_clearly()
    {
        var model = Resize([1, 1, 2, 3], [1, 1, 2, 2], null, 13, Attr("mode", "linear"), Attr("coordinate_transformation_mode", "tf_crop_and_resize"));
        var error = Assert.Throws<ShearsException>(() => EngineVsOrt.RunEngine(model, new Dictionary<string, Array> { ["x"] = new float[6] }));
        Assert.Contains("tf_crop_and_resize", error.Message, StringComparison.Ordinal);
    }
}
