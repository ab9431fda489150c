using SkiaSharp;

namespace Shears.Testing;

/// <summary>Writes test images with SkiaSharp: 8-bit grayscale or RGB pixels, row after row, as PNG (lossless) or JPEG.</summary>
public static class ImageFiles
{
    /// <param name="pixels">Height×width bytes for one channel, or height×width×3 for RGB.</param>
    public static void Write(string path, int width, int height, ReadOnlySpan<byte> pixels, bool jpeg = false)
    {
        var channels = pixels.Length / (width * height);
        if (channels is not (1 or 3) || pixels.Length != channels * width * height)
        {
            throw new ArgumentException($"{pixels.Length} bytes are not a {width}×{height} gray or RGB image", nameof(pixels));
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rgba = new byte[width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            for (var c = 0; c < 3; c++)
            {
                rgba[(p * 4) + c] = pixels[(p * channels) + (channels == 1 ? 0 : c)];
            }
            rgba[(p * 4) + 3] = 255;
        }
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(jpeg ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, encoded.ToArray());
    }
}
