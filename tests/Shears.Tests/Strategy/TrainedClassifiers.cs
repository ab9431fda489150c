using Shears.Data;
using Shears.Engine.Training;
using Shears.IR;
using Shears.Models;

namespace Shears.Tests.Strategy;

/// <summary>
/// The seed's MLP and CNN trained for one epoch on the first Fashion-MNIST training images, with held-out training
/// images beside them (never the test set): small real classifiers for the data-driven planners. Built once per run.
/// </summary>
public sealed class TrainedClassifiers
{
    public const int TrainCount = 6000;

    public const int ValidationCount = 1000;

    private readonly Lazy<(LabelledDataset Train, LabelledDataset Validation)> _data = new(Load);
    private readonly Lazy<Model> _mlp;
    private readonly Lazy<Model> _cnn;

    public TrainedClassifiers()
    {
        _mlp = new(() => Train(Architecture.Mlp));
        _cnn = new(() => Train(Architecture.Cnn));
    }

    public LabelledDataset TrainData => _data.Value.Train;

    public LabelledDataset Validation => _data.Value.Validation;

    public Model Mlp => _mlp.Value;

    public Model Cnn => _cnn.Value;

    private static (LabelledDataset, LabelledDataset) Load()
    {
        var train = LabelledDataset.From(FashionMnist.Load().Train);
        return (train.Subset([.. Enumerable.Range(0, TrainCount)], "train"),
            train.Subset([.. Enumerable.Range(TrainCount, ValidationCount)], "validation"));
    }

    private Model Train(Architecture architecture)
    {
        var model = ModelZoo.Build(architecture, seed: 1);
        var trainer = new Trainer(model, new TrainingOptions { Epochs = 1, Seed = 1 });
        trainer.Train(TrainData);
        return trainer.ToModel();
    }
}

/// <summary>The planner tests share one set of trained classifiers.</summary>
[CollectionDefinition(Name)]
public sealed class TrainedClassifiersCollection : ICollectionFixture<TrainedClassifiers>
{
    public const string Name = "trained classifiers";
}
