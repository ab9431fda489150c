using System.Text;

namespace Shears.Evaluation.Reports;

/// <summary>Escapes text for HTML and inline SVG: only the five characters markup gives meaning, so "×" and "→" stay readable in the source.</summary>
internal static class HtmlText
{
    /// <summary><paramref name="text"/> safe in an element or a quoted attribute.</summary>
    public static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => escaped.Append("&amp;"),
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '"' => escaped.Append("&quot;"),
                '\'' => escaped.Append("&#39;"),
                _ => escaped.Append(c),
            };
        }
        return escaped.ToString();
    }
}
