using Shears.IR;

namespace Shears.Preprocessing;

/// <summary>
/// Folds the in-graph input normalisation ((x − mean) / std, added by <see cref="InGraphNormalization"/>) into the
/// first layer's weights and bias, so the model still takes raw inputs but runs two elementwise nodes fewer. At batch
/// 1 those nodes are a large share of a small model's time in ONNX Runtime (each node costs a fixed dispatch).
/// The fold is exact for a Gemm (directly or after a Flatten) and for a Conv without padding and with one group;
/// a padded Conv would see the padded zeros shifted, so such a model is returned unchanged.
/// </summary>
public static class InputNormalizationFolding
{
    /// <summary>The model with its normalisation folded into the layer it feeds, or the model itself when it cannot be.</summary>
    /// <param name="model">A model; it is not changed.</param>
    /// <returns>A copy with the fold applied, or <paramref name="model"/> when it has no in-graph normalisation or its first layer does not admit an exact fold.</returns>
    public static Model Apply(Model model) => TryApply(model, out var folded) ? folded : model;

    /// <summary>Folds when it is exact; says whether it did.</summary>
    /// <param name="model">A model; it is not changed.</param>
    /// <param name="folded">The folded copy, or <paramref name="model"/> when nothing was folded.</param>
    public static bool TryApply(Model model, out Model folded)
    {
        ArgumentNullException.ThrowIfNull(model);
        folded = model;
        if (InputSpec.Read(model) is not { NormalizesInGraph: true } spec)
        {
            return false;
        }
        var graph = model.Graph;
        var subtract = graph.Nodes.Find(n => n.Name == InGraphNormalization.ConstantPrefix + "subtract_mean");
        var divide = graph.Nodes.Find(n => n.Name == InGraphNormalization.ConstantPrefix + "divide_by_std");
        var consumers = graph.Consumers();
        if (subtract is null || divide is null || graph.Outputs.Any(o => o.Name == divide.Outputs[0])
            || !consumers.TryGetValue(divide.Outputs[0], out var users) || users.Count != 1
            || !consumers.TryGetValue(subtract.Outputs[0], out var centredUsers) || centredUsers.Count != 1)
        {
            return false;
        }
        var copy = model.Clone();
        var g = copy.Graph;
        var layer = g.Nodes[graph.Nodes.IndexOf(users[0])];
        Node? flatten = null;
        if (layer.OpType is "Flatten" && spec.Layout != InputLayoutKind.ChannelsLast && layer.GetInt("axis", 1) == 1)
        {
            var next = g.Consumers().GetValueOrDefault(layer.Outputs[0]);
            if (next is not [var only] || g.Outputs.Any(o => o.Name == layer.Outputs[0]))
            {
                return false;
            }
            flatten = layer;
            layer = only;
        }
        // The fold rewrites the layer's data input (input 0); a normalised value used as anything else stays as it is.
        if (layer.Inputs.Count == 0 || layer.Inputs[0] != (flatten?.Outputs[0] ?? divide.Outputs[0]))
        {
            return false;
        }
        var mean = spec.Mean;
        var std = spec.StandardDeviation;
        var done = layer.OpType switch
        {
            "Gemm" => FoldIntoGemm(g, layer, flatten is null ? 1 : spec.Height.GetValueOrDefault(1) * spec.Width.GetValueOrDefault(1), mean, std),
            "Conv" when flatten is null => FoldIntoConv(g, layer, mean, std),
            _ => false,
        };
        if (!done)
        {
            return false;
        }
        var input = subtract.Inputs[0];
        var first = flatten ?? layer;
        first.Inputs[0] = input;
        g.Nodes.RemoveAll(n => n.Name == subtract.Name || n.Name == divide.Name);
        g.RemoveUnused();
        folded = copy;
        return true;
    }

    // Y = A·B + C with A = (x − m) / s per feature k: B'[k, j] = B[k, j] / s_k, C'_j = C_j − Σ_k m_k·B[k, j] / s_k.
    // Features are grouped by channel, featuresPerChannel at a time (a flattened channels-first image).
    private static bool FoldIntoGemm(Graph g, Node gemm, int featuresPerChannel, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        if (gemm.GetInt("transA", 0) != 0 || gemm.Input(1) is not { } weightName || g.FindInitializer(weightName) is not { Rank: 2, ElementType: DataType.Float } weight)
        {
            return false;
        }
        var transB = gemm.GetInt("transB", 0) != 0;
        var features = (int)(transB ? weight.Dims[1] : weight.Dims[0]);
        var outputs = (int)(transB ? weight.Dims[0] : weight.Dims[1]);
        if (mean.Count > 1 && features != mean.Count * featuresPerChannel)
        {
            return false;
        }
        var alpha = gemm.GetFloat("alpha", 1f);
        var beta = gemm.GetFloat("beta", 1f);
        var bias = gemm.Input(2) is { } biasName ? g.FindInitializer(biasName) : null;
        if (gemm.Input(2) is not null && (bias is not { ElementType: DataType.Float } || bias.Dims.Aggregate(1L, (a, b) => a * b) != outputs))
        {
            return false;
        }
        var w = weight.ToFloats();
        var c = bias is null ? new float[outputs] : bias.ToFloats();
        var shift = new double[outputs];
        for (var k = 0; k < features; k++)
        {
            var channel = mean.Count == 1 ? 0 : k / featuresPerChannel;
            var scale = 1 / std[channel];
            for (var j = 0; j < outputs; j++)
            {
                var index = transB ? (j * features) + k : (k * outputs) + j;
                w[index] *= scale;
                shift[j] += mean[channel] * (double)w[index];
            }
        }
        for (var j = 0; j < outputs; j++)
        {
            c[j] = (float)((beta * c[j]) - (alpha * shift[j]));
        }
        SetWeightAndBias(g, gemm, weightName, weight, w, c);
        gemm.SetAttribute(NodeAttribute.Of("beta", 1f));
        return true;
    }

    // y = Σ W[o, c, ·]·(x_c − m_c) / s_c + b_o: W' = W / s_c, b'_o = b_o − Σ W'[o, c, ·]·m_c; exact only without padding.
    private static bool FoldIntoConv(Graph g, Node conv, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        var pads = conv.GetInts("pads") ?? [];
        var autoPad = conv.GetString("auto_pad", "NOTSET");
        if (pads.Any(p => p != 0) || autoPad is not ("NOTSET" or "VALID") || conv.GetInt("group", 1) != 1
            || conv.Input(1) is not { } weightName || g.FindInitializer(weightName) is not { ElementType: DataType.Float, Rank: >= 3 } weight)
        {
            return false;
        }
        var filters = (int)weight.Dims[0];
        var channels = (int)weight.Dims[1];
        if (mean.Count > 1 && channels != mean.Count)
        {
            return false;
        }
        var bias = conv.Input(2) is { } biasName ? g.FindInitializer(biasName) : null;
        if (conv.Input(2) is not null && bias is not { ElementType: DataType.Float })
        {
            return false;
        }
        var w = weight.ToFloats();
        var b = bias is null ? new float[filters] : bias.ToFloats();
        var kernel = w.Length / (filters * channels);
        for (var o = 0; o < filters; o++)
        {
            double shift = 0;
            for (var ch = 0; ch < channels; ch++)
            {
                var channel = mean.Count == 1 ? 0 : ch;
                for (var k = 0; k < kernel; k++)
                {
                    var index = (((o * channels) + ch) * kernel) + k;
                    w[index] /= std[channel];
                    shift += mean[channel] * (double)w[index];
                }
            }
            b[o] = (float)(b[o] - shift);
        }
        SetWeightAndBias(g, conv, weightName, weight, w, b);
        return true;
    }

    // The layer's inputs 1 and 2 become the folded weight and bias (a bias is added when it had none).
    private static void SetWeightAndBias(Graph g, Node layer, string name, Tensor weight, float[] weights, float[] bias)
    {
        var weightName = Fresh(g, name);
        var biasName = Fresh(g, layer.Input(2) ?? name + ".bias");
        g.Initializers[weightName] = Tensor.FromFloats(weightName, weight.Dims, weights);
        g.Initializers[biasName] = Tensor.FromFloats(biasName, [bias.Length], bias);
        layer.Inputs[1] = weightName;
        while (layer.Inputs.Count < 3)
        {
            layer.Inputs.Add("");
        }
        layer.Inputs[2] = biasName;
    }

    // The folded tensors keep their layer's name when nothing else uses it, so pruning plans and reports still match.
    private static string Fresh(Graph g, string name)
    {
        var shared = g.Nodes.Count(n => n.Inputs.Contains(name)) > 1;
        if (!shared)
        {
            return name;
        }
        var candidate = name + ".folded";
        for (var i = 2; g.Initializers.ContainsKey(candidate); i++)
        {
            candidate = $"{name}.folded{i}";
        }
        return candidate;
    }
}
