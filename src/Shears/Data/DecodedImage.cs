namespace Shears.Data;

/// <summary>One decoded image: 8-bit RGBA rows, alpha ignored.</summary>
internal sealed record DecodedImage(ImageSize Size, byte[] Rgba)
{
    /// <summary>
    /// Writes the image as model input: grayscale (ITU-R 601 luma in integers, so a gray image keeps its
    /// exact bytes) or RGB, each value byte / 255, then (x − mean[c]) / std[c].
    /// </summary>
    public void WriteSample(Span<float> sample, int channels, bool channelsLast, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var pixels = Size.Height * Size.Width;
        for (var p = 0; p < pixels; p++)
        {
            int r = Rgba[p * 4], g = Rgba[(p * 4) + 1], b = Rgba[(p * 4) + 2];
            for (var c = 0; c < channels; c++)
            {
                var value = channels == 1 ? ((r * 299) + (g * 587) + (b * 114) + 500) / 1000 : c == 0 ? r : c == 1 ? g : b;
                var index = channelsLast ? (p * channels) + c : (c * pixels) + p;
                sample[index] = ((value / 255f) - mean[c]) / std[c];
            }
        }
    }
}
