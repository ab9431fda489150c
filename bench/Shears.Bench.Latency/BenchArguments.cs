using System.Globalization;

namespace Shears.Bench.Latency;

/// <summary>The runner's options: "--name value" pairs (repeatable) and bare flags.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    public BenchArguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                pending = arg[2..];
                if (!_values.ContainsKey(pending))
                {
                    _values[pending] = [];
                }
            }
            else if (pending is not null)
            {
                _values[pending].Add(arg);
                pending = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }
        }
    }

    public bool Flag(string name) => _values.ContainsKey(name);

    public IReadOnlyList<string> All(string name) => _values.GetValueOrDefault(name) ?? [];

    public string? Text(string name) => All(name).LastOrDefault();

    public int Int(string name, int fallback) =>
        Text(name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;
}
