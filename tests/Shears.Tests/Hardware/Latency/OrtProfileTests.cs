using Shears.IR;
using Shears.OnnxRuntime.Profiling;

namespace Shears.Tests.Hardware.Latency;

public sealed class OrtProfileTests
{
    // The shape of ONNX Runtime's Chrome-trace profile: session events, then node events per run.
    private const string Profile = """
        [
          {"cat":"Session","pid":1,"tid":1,"dur":500,"ts":10,"ph":"X","name":"model_loading_uri","args":{}},
          {"cat":"Session","pid":1,"tid":1,"dur":100,"ts":1000,"ph":"X","name":"model_run","args":{}},
          {"cat":"Node","pid":1,"tid":1,"dur":10,"ts":1001,"ph":"X","name":"ReorderInput_kernel_time","args":{"op_name":"ReorderInput"}},
          {"cat":"Node","pid":1,"tid":1,"dur":60,"ts":1012,"ph":"X","name":"relu_out_nchwc_kernel_time","args":{"op_name":"Conv"}},
          {"cat":"Node","pid":1,"tid":1,"dur":5,"ts":1080,"ph":"X","name":"gemm_kernel_time","args":{"op_name":"Gemm"}},
          {"cat":"Session","pid":1,"tid":1,"dur":100,"ts":2000,"ph":"X","name":"model_run","args":{}},
          {"cat":"Node","pid":1,"tid":1,"dur":12,"ts":2001,"ph":"X","name":"ReorderInput_kernel_time","args":{"op_name":"ReorderInput"}},
          {"cat":"Node","pid":1,"tid":1,"dur":70,"ts":2014,"ph":"X","name":"relu_out_nchwc_kernel_time","args":{"op_name":"Conv"}},
          {"cat":"Node","pid":1,"tid":1,"dur":6,"ts":2090,"ph":"X","name":"gemm_kernel_time","args":{"op_name":"Gemm"}}
        ]
        """;

    [Fact]
    public void Node_events_are_grouped_per_run_in_execution_order()
    {
        var (nodes, durations) = OrtProfile.Parse(Profile).PerRun();
        Assert.Equal(["ReorderInput", "relu_out_nchwc", "gemm"], nodes.Select(node => node.Name));
        Assert.Equal(2, durations.Count);
        Assert.Equal([0.010, 0.060, 0.005], durations[0]);
        Assert.Equal([0.012, 0.070, 0.006], durations[1]);
    }

    [Fact]
    public void Fused_and_layout_nodes_are_credited_to_the_layer_they_compute()
    {
        var builder = new GraphBuilder();
        var x = builder.Input("x", 1, 4, 8, 8);
        var w = builder.Initializer("w", [4, 4, 1, 1], new float[16]);
        builder.AddNode(new Node("Conv", [x, w], ["conv_out"], "conv"));
        builder.AddNode(new Node("Relu", ["conv_out"], ["relu_out"], "relu"));
        builder.AddNode(new Node("Flatten", ["relu_out"], ["flat"], "flatten"));
        var attribution = new OrtNodeAttribution(builder.Graph);
        Assert.Equal("conv", attribution.LayerOf("relu_out_nchwc", "Conv"));
        Assert.Equal("conv", attribution.LayerOf("conv_out", "Conv"));
        Assert.Equal("relu", attribution.LayerOf("relu", "Relu"));
        Assert.Equal("flatten", attribution.LayerOf("flatten", "Flatten"));
        Assert.Null(attribution.LayerOf("ReorderInput", "ReorderInput"));
    }
}
