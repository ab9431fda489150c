using Shears.Data;

namespace Shears.Tests.Data;

public sealed class CsvDatasetReaderTests
{
    [Fact]
    public void Header_label_by_name_and_invariant_numbers()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteText("d.csv", "a,kind,b\n0.5,2,-1e-3\n\"1.25\",0,3\n");
        var data = CsvDatasetReader.Read(path, "kind");
        Assert.Equal([2], data.SampleShape.ToArray());
        Assert.Equal([0.5f, -1e-3f, 1.25f, 3f], data.Values.ToArray());
        Assert.Equal([2, 0], data.Labels.ToArray());
        Assert.Equal(3, data.ClassCount);
    }

    [Fact]
    public void Without_a_header_the_last_column_is_the_label()
    {
        using var folder = new TemporaryDirectory();
        var data = CsvDatasetReader.Read(folder.WriteText("d.csv", "1,2,3\r\n4,5,0\r\n"));
        Assert.Equal([1f, 2, 4, 5], data.Values.ToArray());
        Assert.Equal([3, 0], data.Labels.ToArray());
    }

    [Fact]
    public void A_column_named_label_is_the_default_and_an_index_selects_another()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteText("d.csv", "label,p0,p1\n1,10,20\n0,30,40\n");
        Assert.Equal([1, 0], CsvDatasetReader.Read(path).Labels.ToArray());
        var byIndex = CsvDatasetReader.Read(path, "2");
        Assert.Equal([20, 40], byIndex.Labels.ToArray());
        Assert.Equal([1f, 10, 0, 30], byIndex.Values.ToArray());
    }

    [Theory]
    [InlineData("a,b,label\n1,2,0\n1,x,1\n", "line 3, column 1 ('b'): 'x' is not a number")]
    [InlineData("a,b,label\n1,2,0\n1,2,2.5\n", "line 3, column 2 ('label'): label '2.5' is not a class number")]
    [InlineData("a,b,label\n1,2,0\n1,2\n", "line 3: 2 field(s) where the header has 3")]
    [InlineData("1,2,0\n1,2,-1\n", "line 2, column 2: label '-1'")]
    [InlineData("a,b,label\n", "no data rows")]
    [InlineData("a,b,label\n\"1,2,0\n", "line 2: a quoted field is not closed")]
    public void Bad_rows_name_the_line_and_column(string text, string message)
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteText("d.csv", text);
        var error = Assert.ThrowsAny<ShearsException>(() => CsvDatasetReader.Read(path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_label_column_lists_the_header()
    {
        using var folder = new TemporaryDirectory();
        var path = folder.WriteText("d.csv", "a,b\n1,0\n");
        var error = Assert.Throws<InvalidOptionException>(() => CsvDatasetReader.Read(path, "class"));
        Assert.Contains("'class' is not a column of its header (a, b)", error.Message, StringComparison.Ordinal);
        Assert.Contains("past the last of its 2 columns", Assert.Throws<InvalidOptionException>(() => CsvDatasetReader.Read(path, "5")).Message, StringComparison.Ordinal);
    }
}
