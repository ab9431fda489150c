using System.Globalization;
using System.Text;

namespace Shears.Data;

/// <summary>
/// Reads a CSV file of feature columns and one integer label column into samples of shape [features].
/// A first row that is not all numbers is the header. Numbers are read in the invariant culture
/// (a dot before decimals); fields may be double-quoted. Errors name the line and the column.
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>Reads the CSV file at <paramref name="path"/>; every row must have the same number of columns and an integer label of 0 or more.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The label column's header name or 0-based index; null takes a column named "label", else the last.</param>
    public static LabelledDataset Read(string path, string? labelColumn = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new ShearsException($"{path}: no such file");
        }
        string[]? header = null;
        var labelIndex = -1;
        var columns = 0;
        var values = new List<float>();
        var labels = new List<int>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.Trim('\uFEFF').Length == 0))
            {
                continue;
            }
            var fields = Split(lineNumber == 1 ? line.TrimStart('\uFEFF') : line, path, lineNumber);
            if (columns == 0)
            {
                columns = fields.Count;
                if (columns < 2)
                {
                    throw new ShearsException($"{path}, line {lineNumber}: {columns} column(s); a dataset needs feature columns and a label column");
                }
                if (fields.Any(f => !float.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    header = [.. fields];
                    labelIndex = LabelIndex(header, labelColumn, path);
                    continue;
                }
                labelIndex = LabelIndex(null, labelColumn, path, columns);
            }
            if (fields.Count != columns)
            {
                throw new ShearsException($"{path}, line {lineNumber}: {fields.Count} field(s) where the {(header is null ? "first row" : "header")} has {columns}");
            }
            for (var c = 0; c < fields.Count; c++)
            {
                var text = fields[c];
                if (c == labelIndex)
                {
                    if (!int.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var label) || label < 0)
                    {
                        throw new ShearsException($"{path}, line {lineNumber}, column {Describe(c, header)}: label '{text}' is not a class number (an integer 0 or more)");
                    }
                    labels.Add(label);
                }
                else if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values.Add(value);
                }
                else
                {
                    throw new ShearsException($"{path}, line {lineNumber}, column {Describe(c, header)}: '{text}' is not a number");
                }
            }
        }
        if (labels.Count == 0)
        {
            throw new ShearsException($"{path}: no data rows");
        }
        return new LabelledDataset([.. values], [.. labels], [columns - 1], labels.Max() + 1, path);
    }

    private static string Describe(int column, string[]? header) =>
        header is null ? $"{column}" : $"{column} ('{header[column]}')";

    private static int LabelIndex(string[]? header, string? labelColumn, string path, int columns = 0)
    {
        var count = header?.Length ?? columns;
        if (labelColumn is null)
        {
            var named = header is null ? -1 : Array.FindIndex(header, h => string.Equals(h.Trim(), "label", StringComparison.OrdinalIgnoreCase));
            return named >= 0 ? named : count - 1;
        }
        if (int.TryParse(labelColumn, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return index < count
                ? index
                : throw new InvalidOptionException($"{path}: LabelColumn {index} is past the last of its {count} columns (0–{count - 1})", nameof(DataLoadOptions.LabelColumn));
        }
        if (header is null)
        {
            throw new InvalidOptionException($"{path}: LabelColumn '{labelColumn}' names a column but the file has no header row; give its 0-based index", nameof(DataLoadOptions.LabelColumn));
        }
        var found = Array.FindIndex(header, h => h.Trim() == labelColumn);
        return found >= 0
            ? found
            : throw new InvalidOptionException($"{path}: LabelColumn '{labelColumn}' is not a column of its header ({string.Join(", ", header.Take(8))}{(header.Length > 8 ? ", …" : "")})", nameof(DataLoadOptions.LabelColumn));
    }

    // Comma-separated fields; a field in double quotes may hold commas and doubled quotes.
    private static List<string> Split(string line, string path, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted)
        {
            throw new ShearsException($"{path}, line {lineNumber}: a quoted field is not closed");
        }
        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
