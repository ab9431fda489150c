using System.Globalization;
using System.Text.Json;
using Shears.IR;

namespace Shears.Preprocessing;

/// <summary>
/// What a model expects of its input before the first node runs: value range, layout, image size, and the
/// normalisation its graph already applies. Written into the ONNX metadata under <see cref="MetadataKey"/>, so other
/// runtimes (and Shears, when the model is fine-tuned or evaluated again) know to feed it, for example, pixels in [0, 1].
/// </summary>
public sealed record InputSpec
{
    /// <summary>The ONNX metadata key that holds the spec as JSON.</summary>
    public const string MetadataKey = "shears.input";

    /// <summary>The graph input the spec describes.</summary>
    public required string InputName { get; init; }

    /// <summary>Order of the axes after the batch axis.</summary>
    public required InputLayoutKind Layout { get; init; }

    /// <summary>Smallest value of a raw input element (0 for pixels scaled to [0, 1]).</summary>
    public float RangeMin { get; init; }

    /// <summary>Largest value of a raw input element (1 for pixels scaled to [0, 1]).</summary>
    public float RangeMax { get; init; } = 1;

    /// <summary>Channels of an image input; null for feature vectors.</summary>
    public int? Channels { get; init; }

    /// <summary>Height images are resized or cropped to; null for feature vectors.</summary>
    public int? Height { get; init; }

    /// <summary>Width images are resized or cropped to; null for feature vectors.</summary>
    public int? Width { get; init; }

    /// <summary>Per-channel means the graph subtracts from its raw input (one value when all channels share it); empty when it does not normalise.</summary>
    public IReadOnlyList<float> Mean { get; init; } = [];

    /// <summary>Per-channel deviations the graph divides by, after subtracting <see cref="Mean"/>.</summary>
    public IReadOnlyList<float> StandardDeviation { get; init; } = [];

    /// <summary>True when the graph itself normalises its input, so callers feed raw values in [<see cref="RangeMin"/>, <see cref="RangeMax"/>].</summary>
    public bool NormalizesInGraph => Mean.Count > 0;

    /// <summary>The spec written in <paramref name="model"/>'s metadata, or null when it has none.</summary>
    /// <exception cref="ShearsException">The metadata entry is present but not a valid spec.</exception>
    public static InputSpec? Read(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var entry = model.Metadata.FindLast(kv => kv.Key == MetadataKey);
        return entry.Key is null ? null : Parse(entry.Value);
    }

    /// <summary>Parses the JSON form written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ShearsException">The text is not a valid spec.</exception>
    public static InputSpec Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            var range = root.GetProperty("range");
            var spec = new InputSpec
            {
                InputName = root.GetProperty("input").GetString() ?? throw new FormatException("input is null"),
                Layout = ParseLayout(root.GetProperty("layout").GetString()),
                RangeMin = range[0].GetSingle(),
                RangeMax = range[1].GetSingle(),
                Channels = OptionalInt(root, "channels"),
                Height = OptionalInt(root, "height"),
                Width = OptionalInt(root, "width"),
                Mean = root.TryGetProperty("mean", out var mean) ? [.. mean.EnumerateArray().Select(v => v.GetSingle())] : [],
                StandardDeviation = root.TryGetProperty("std", out var std) ? [.. std.EnumerateArray().Select(v => v.GetSingle())] : [],
            };
            spec.Validate();
            return spec;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException or ShearsException)
        {
            throw new ShearsException($"the model's '{MetadataKey}' metadata is not a valid input description: {e.Message}", e);
        }
    }

    /// <summary>A copy of <paramref name="model"/> whose metadata holds this spec (replacing any earlier one).</summary>
    public Model WriteTo(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validate();
        var copy = model.Clone();
        copy.Metadata.RemoveAll(kv => kv.Key == MetadataKey);
        copy.Metadata.Add(new(MetadataKey, ToJson()));
        return copy;
    }

    /// <summary>One-line JSON, the form stored in the metadata.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("input", InputName);
            writer.WriteString("layout", LayoutName(Layout));
            writer.WriteStartArray("range");
            writer.WriteNumberValue(RangeMin);
            writer.WriteNumberValue(RangeMax);
            writer.WriteEndArray();
            WriteOptional(writer, "channels", Channels);
            WriteOptional(writer, "height", Height);
            WriteOptional(writer, "width", Width);
            if (NormalizesInGraph)
            {
                writer.WriteStartArray("mean");
                foreach (var m in Mean)
                {
                    writer.WriteNumberValue(m);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("std");
                foreach (var s in StandardDeviation)
                {
                    writer.WriteNumberValue(s);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>How a person would say what to feed, e.g. "1×28×28 channels-first, values in [0, 1]; the graph normalises (mean 0.286, std 0.353)".</summary>
    public string Describe()
    {
        var size = Height is { } h && Width is { } w
            ? Layout == InputLayoutKind.ChannelsLast ? $"{h}×{w}×{Channels} " : $"{Channels}×{h}×{w} "
            : "";
        var text = $"{size}{LayoutName(Layout)}, values in [{Format(RangeMin)}, {Format(RangeMax)}]";
        return NormalizesInGraph
            ? $"{text}; the graph normalises (mean {string.Join("/", Mean.Select(Format))}, std {string.Join("/", StandardDeviation.Select(Format))})"
            : text;
    }

    /// <summary>Throws when the spec contradicts itself.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(InputName))
        {
            throw new ShearsException("an input description needs the input's name");
        }
        if (!float.IsFinite(RangeMin) || !float.IsFinite(RangeMax) || RangeMin >= RangeMax)
        {
            throw new ShearsException($"input value range [{RangeMin}, {RangeMax}] is empty or not finite");
        }
        if (Mean.Count != StandardDeviation.Count)
        {
            throw new ShearsException($"input normalisation has {Mean.Count} means but {StandardDeviation.Count} deviations");
        }
        if (Mean.Any(m => !float.IsFinite(m)) || StandardDeviation.Any(s => !float.IsFinite(s) || s <= 0))
        {
            throw new ShearsException("input normalisation needs finite means and positive deviations");
        }
        if (Channels is <= 0 || Height is <= 0 || Width is <= 0)
        {
            throw new ShearsException($"input channels, height and width must be positive, not {Channels}, {Height}, {Width}");
        }
    }

    /// <summary>The spelling used in metadata and messages: "channels-first", "channels-last", "features".</summary>
    public static string LayoutName(InputLayoutKind layout) => layout switch
    {
        InputLayoutKind.ChannelsFirst => "channels-first",
        InputLayoutKind.ChannelsLast => "channels-last",
        InputLayoutKind.Features => "features",
        _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout"),
    };

    private static InputLayoutKind ParseLayout(string? name) => name switch
    {
        "channels-first" => InputLayoutKind.ChannelsFirst,
        "channels-last" => InputLayoutKind.ChannelsLast,
        "features" => InputLayoutKind.Features,
        _ => throw new FormatException($"layout '{name}' is not channels-first, channels-last or features"),
    };

    private static int? OptionalInt(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static void WriteOptional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static string Format(float value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
