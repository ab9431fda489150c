// Prunes an ONNX classifier for this machine with the Shears library: load, analyse, detect the hardware, plan for a
// budget of half the MACs, prune, fine-tune on the user's data, evaluate, save.
// Usage: Shears.Sample MODEL.onnx DATA_FOLDER OUTPUT.onnx   (DATA_FOLDER: Fashion-MNIST or any MNIST-format IDX files)
using Shears;
using Shears.Data;
using Shears.Engine.Training;
using Shears.Hardware;
using Shears.Strategy;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Shears.Sample MODEL.onnx DATA_FOLDER OUTPUT.onnx");
    return 2;
}
try
{
    var model = ShearsModel.Load(args[0]);
    var data = FashionMnist.Load(args[1]);
    var dense = model.Analyze();
    var target = HardwareTargets.Host();
    var plan = model.Plan(target, PruningBudget.Macs(0.5));
    var pruned = model.Prune(plan.Plan).FineTune(data.Train, new TrainingOptions { Epochs = 1 });
    var before = model.Evaluate(data.Test);
    var after = pruned.Evaluate(data.Test);
    pruned.Save(args[2]);

    Console.WriteLine($"target: {target.Name} ({target.Description})");
    Console.WriteLine($"dense:  {dense.Parameters:N0} parameters, {dense.Macs:N0} MACs, accuracy {before.Metrics.Accuracy:P2}, {before.LatencyBatch1.MedianMs:0.000} ms at batch 1");
    Console.WriteLine($"pruned: {pruned.Analyze().Parameters:N0} parameters, {pruned.Analyze().Macs:N0} MACs ({plan.Fraction:P1} of dense, ratio {plan.Ratio:0.000}), accuracy {after.Metrics.Accuracy:P2}, {after.LatencyBatch1.MedianMs:0.000} ms at batch 1");
    Console.WriteLine($"wrote {args[2]}");
    return 0;
}
catch (ShearsException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
