namespace Shears.Data;

/// <summary>The shape of one image, channels first (C×H×W), as models take it after the batch axis.</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>MNIST and Fashion-MNIST: one channel of 28×28.</summary>
    public static ImageShape Mnist { get; } = new(1, 28, 28);

    /// <summary>Values in one image.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Throws when any extent is not positive.</summary>
    public void Validate()
    {
        if (Channels <= 0 || Height <= 0 || Width <= 0)
        {
            throw new ShearsException($"image shape {this} must have positive channels, height and width");
        }
    }

    /// <summary>"C×H×W", for messages.</summary>
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
