using Shears.IR;
using Shears.Preprocessing;

namespace Shears.Tests.Preprocessing;

public sealed class InputSpecTests
{
    [Fact]
    public void Json_round_trips_every_field()
    {
        var spec = new InputSpec
        {
            InputName = "pixel_values",
            Layout = InputLayoutKind.ChannelsLast,
            RangeMin = -1,
            RangeMax = 1,
            Channels = 3,
            Height = 224,
            Width = 200,
            Mean = [0.485f, 0.456f, 0.406f],
            StandardDeviation = [0.229f, 0.224f, 0.225f],
        };
        var parsed = InputSpec.Parse(spec.ToJson());
        Assert.Equal(spec.ToJson(), parsed.ToJson());
        Assert.Equal(spec.Mean, parsed.Mean);
        Assert.Equal(InputLayoutKind.ChannelsLast, parsed.Layout);
        Assert.Equal("224×200×3 channels-last, values in [-1, 1]; the graph normalises (mean 0.485/0.456/0.406, std 0.229/0.224/0.225)", parsed.Describe());
    }

    [Fact]
    public void Writing_replaces_an_earlier_spec_and_keeps_other_metadata()
    {
        var model = new Model(new Graph());
        model.Metadata.Add(new("author", "me"));
        var first = new InputSpec { InputName = "x", Layout = InputLayoutKind.Features }.WriteTo(model);
        var second = new InputSpec { InputName = "y", Layout = InputLayoutKind.Features }.WriteTo(first);
        Assert.Equal("y", InputSpec.Read(second)!.InputName);
        Assert.Equal(["author", InputSpec.MetadataKey], second.Metadata.Select(kv => kv.Key));
        Assert.Null(InputSpec.Read(model));
        Assert.Single(model.Metadata);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"input\":\"x\"}")]
    [InlineData("{\"input\":\"x\",\"layout\":\"sideways\",\"range\":[0,1]}")]
    [InlineData("{\"input\":\"x\",\"layout\":\"features\",\"range\":[1,0]}")]
    [InlineData("{\"input\":\"x\",\"layout\":\"features\",\"range\":[0,1],\"mean\":[0],\"std\":[0]}")]
    [InlineData("{\"input\":\"x\",\"layout\":\"features\",\"range\":[0,1],\"mean\":[0,1],\"std\":[1]}")]
    public void A_broken_metadata_entry_is_one_clear_error(string json)
    {
        var model = new Model(new Graph());
        model.Metadata.Add(new(InputSpec.MetadataKey, json));
        var error = Assert.ThrowsAny<ShearsException>(() => InputSpec.Read(model));
        Assert.Contains("shears.input", error.Message, StringComparison.Ordinal);
    }
}
