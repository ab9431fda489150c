using Shears.IR;

namespace Shears.Interop.Tests.OnnxRuntime;

/// <summary>Tiny models built in code, with outputs easy to compute by hand.</summary>
internal static class SessionTestModels
{
    /// <summary>y = x·W + b with x [batch, 3], W [3, 2] = [[1, 2], [3, 4], [5, 6]], b = [0.5, -0.5].</summary>
    public static Model Affine()
    {
        var builder = new GraphBuilder("affine");
        var x = builder.Input("x", DataType.Float, Dim.Named("batch"), 3);
        var product = builder.Add("MatMul", [x, builder.Initializer("w", [3, 2], [1, 2, 3, 4, 5, 6])]);
        var y = builder.Add("Add", [product, builder.Initializer("b", [2], [0.5f, -0.5f])]);
        builder.Output(y, DataType.Float, new Shape([Dim.Named("batch"), 2]));
        return builder.ToModel(13);
    }

    /// <summary>Rows of a [vocab, 2] embedding table picked by int64 token ids [batch, tokens].</summary>
    public static Model Embedding(long vocabulary)
    {
        var builder = new GraphBuilder("embedding");
        var ids = builder.Input("ids", DataType.Int64, Dim.Named("batch"), Dim.Named("tokens"));
        var table = Enumerable.Range(0, (int)vocabulary * 2).Select(i => (float)i).ToArray();
        var rows = builder.Add("Gather", [builder.Initializer("table", [vocabulary, 2], table), ids], NodeAttribute.Of("axis", 0L));
        builder.Output(rows);
        return builder.ToModel(13);
    }

    /// <summary>Passes a tensor of any element type through unchanged.</summary>
    public static Model Identity(DataType type)
    {
        var builder = new GraphBuilder("identity");
        var y = builder.Add("Identity", [builder.Input("x", type, 2)]);
        builder.Output(y, type, Shape.Of(2));
        return builder.ToModel(13);
    }
}
