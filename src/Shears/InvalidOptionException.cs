namespace Shears;

/// <summary>
/// A library option with an impossible value or combination, worded in the library's own names
/// (<c>Ratio must be in [0, 1), got 1.5</c>). <see cref="Options"/> lists the option names the
/// message mentions, so a front end can show its own spelling of them.
/// </summary>
public sealed class InvalidOptionException : ShearsException
{
    /// <summary>An option error with a one-line message naming the options it mentions.</summary>
    /// <param name="message">The message, using the option names as the library's types spell them.</param>
    /// <param name="options">The option names the message mentions, for <see cref="MessageWith"/>.</param>
    public InvalidOptionException(string message, params string[] options)
        : base(message)
    {
        Options = options;
    }

    /// <summary>An option error with the default message and no option names.</summary>
    public InvalidOptionException()
    {
        Options = [];
    }

    /// <summary>An option error with a one-line message and no option names.</summary>
    public InvalidOptionException(string message)
        : this(message, [])
    {
    }

    /// <summary>An option error caused by <paramref name="innerException"/>, with no option names.</summary>
    public InvalidOptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Options = [];
    }

    /// <summary>The option names (as in the library's types) the message mentions.</summary>
    public IReadOnlyList<string> Options { get; }

    /// <summary>The message with the first mention of each option name replaced by <paramref name="spelling"/>'s choice.</summary>
    public string MessageWith(Func<string, string> spelling)
    {
        ArgumentNullException.ThrowIfNull(spelling);
        var text = Message;
        foreach (var option in Options.OrderByDescending(o => o.Length))
        {
            var mention = new System.Text.RegularExpressions.Regex($@"\b{option}\b");
            text = mention.Replace(text, spelling(option).Replace("$", "$$", StringComparison.Ordinal), 1);
        }
        return text;
    }
}
