using SkiaSharp;

namespace Shears.Data;

/// <summary>Decodes a PNG or JPEG with SkiaSharp into 8-bit RGBA, resized and centre-cropped as asked.</summary>
internal static class ImageDecoder
{
    public static DecodedImage Decode(string path, ImageSize? resize, ImageSize? crop)
    {
        using var codec = SKCodec.Create(path, out var opened);
        if (codec is null)
        {
            throw new ShearsException($"{path}: not an image SkiaSharp can decode ({opened})");
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            throw new ShearsException($"{path}: the image cannot be decoded ({result})");
        }
        var bitmap = decoded;
        SKBitmap? resized = null;
        try
        {
            if (resize is { } r && (r.Height != info.Height || r.Width != info.Width))
            {
                // Linear filtering between mipmap levels keeps large reductions from aliasing.
                resized = decoded.Resize(new SKImageInfo(r.Width, r.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
                    ?? throw new ShearsException($"{path}: cannot resize {info.Height}×{info.Width} to {r}");
                bitmap = resized;
            }
            var (height, width) = (bitmap.Height, bitmap.Width);
            var (top, left) = (0, 0);
            if (crop is { } c)
            {
                if (c.Height > height || c.Width > width)
                {
                    throw new ShearsException($"{path}: cannot crop {c} out of an image of {height}×{width}");
                }
                (top, left) = ((height - c.Height) / 2, (width - c.Width) / 2);
                (height, width) = (c.Height, c.Width);
            }
            var pixels = new byte[height * width * 4];
            var source = bitmap.GetPixelSpan();
            for (var y = 0; y < height; y++)
            {
                source.Slice(((top + y) * bitmap.RowBytes) + (left * 4), width * 4).CopyTo(pixels.AsSpan(y * width * 4));
            }
            return new DecodedImage(new ImageSize(height, width), pixels);
        }
        finally
        {
            resized?.Dispose();
        }
    }
}
