namespace Shears.Hardware.Latency;

/// <summary>Reads a <see cref="LayerTable"/> at other channel counts, with its curves built once.</summary>
public sealed class LayerTableReader
{
    private readonly LatencyCurve? _output;
    private readonly LatencyCurve? _input;
    private readonly LatencyCurve? _coupled;

    /// <summary>A reader of <paramref name="table"/>, building its curves now so each read is cheap.</summary>
    /// <exception cref="ShearsException">A curve's points are invalid.</exception>
    public LayerTableReader(LayerTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        _output = table.Curve(ChannelAxis.Output);
        _input = table.Curve(ChannelAxis.Input);
        _coupled = table.Curve(ChannelAxis.Coupled);
    }

    /// <summary>The table read.</summary>
    public LayerTable Table { get; }

    /// <summary>
    /// Milliseconds at the given counts. An axis without a curve scales in proportion to its count,
    /// the way the layer's work does.
    /// </summary>
    public double At(long inputChannels, long outputChannels)
    {
        var signature = Table.Signature;
        if (signature.Kind == LayerKind.DepthwiseConvolution)
        {
            var channels = (int)Math.Min(inputChannels, outputChannels);
            return _coupled?.At(channels) ?? (Table.FullMs * channels / signature.OutputChannels);
        }
        var output = _output?.At((int)outputChannels) ?? (Table.FullMs * outputChannels / signature.OutputChannels);
        var input = _input?.At((int)inputChannels) ?? (Table.FullMs * inputChannels / signature.InputChannels);
        return Table.FullMs > 0 ? output * input / Table.FullMs : 0;
    }
}
