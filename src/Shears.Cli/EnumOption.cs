namespace Shears.Cli;

/// <summary>Parses a word option into an enum through an explicit table, so errors list exactly the accepted words.</summary>
internal static class EnumOption
{
    public static T Parse<T>(string option, string? text, IReadOnlyDictionary<string, T> words, T fallback)
    {
        if (text is null)
        {
            return fallback;
        }
        return words.TryGetValue(text.ToLowerInvariant(), out var value)
            ? value
            : throw new UsageException($"{option} '{text}' is not one of {string.Join(", ", words.Keys)}");
    }
}
