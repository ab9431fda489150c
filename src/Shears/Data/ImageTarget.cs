namespace Shears.Data;

/// <summary>
/// What a model's per-sample input shape says about the images it wants: channels, size and where the
/// channel axis goes. [1, 28, 28] is one channel of 28×28 channels first, [28, 28, 3] three channels last,
/// [28, 28] one channel, [784] a flat vector whose size fixes the channels once the image size is known.
/// </summary>
internal sealed record ImageTarget(int? Channels, int? Height, int? Width, bool ChannelsLast, int? FlatSize)
{
    private static bool IsChannelCount(int? d) => d is 1 or 3 or 4;

    public static ImageTarget From(IReadOnlyList<int?>? target, SampleLayout layout)
    {
        var explicitLast = layout == SampleLayout.ChannelsLast;
        if (target is null)
        {
            return new ImageTarget(null, null, null, explicitLast, null);
        }
        switch (target.Count)
        {
            case 3:
                var last = layout switch
                {
                    SampleLayout.ChannelsLast => true,
                    SampleLayout.ChannelsFirst => false,
                    _ => IsChannelCount(target[2]) && !IsChannelCount(target[0]),
                };
                return last
                    ? new ImageTarget(target[2], target[0], target[1], true, null)
                    : new ImageTarget(target[0], target[1], target[2], false, null);
            case 2:
                return new ImageTarget(1, target[0], target[1], explicitLast, null);
            case 1:
                return new ImageTarget(null, null, null, explicitLast, target[0]);
            default:
                return new ImageTarget(null, null, null, explicitLast, null);
        }
    }

    /// <summary>Channels to decode for images of <paramref name="size"/>: the target's, else what a flat size implies, else RGB.</summary>
    public int ChannelsFor(ImageSize size)
    {
        if (Channels is { } c)
        {
            return c;
        }
        var pixels = (long)size.Height * size.Width;
        return FlatSize is { } flat && flat == pixels ? 1 : 3;
    }

    /// <summary>The target's image size when it names both extents.</summary>
    public ImageSize? Size => Height is { } h && Width is { } w ? new ImageSize(h, w) : null;
}
