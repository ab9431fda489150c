using Shears.Data;
using Shears.Engine.Training;
using Shears.Evaluation;
using Shears.IR;
using Shears.Models;
using Shears.Testing;
using Xunit.Abstractions;

namespace Shears.Tests.Data;

/// <summary>
/// Fashion-MNIST test images written as IDX, as a folder of PNGs and as .npy files give one trained model
/// exactly the same inputs, so the same accuracy and loss, from all three.
/// </summary>
public sealed class FashionMnistFormatsTests(ITestOutputHelper output)
{
    private const int TrainCount = 3000;
    private const int TestCount = 500;

    [FashionMnistFact]
    public void Idx_png_folder_and_npy_give_the_same_accuracy()
    {
        using var folder = new TemporaryDirectory();
        var source = FashionMnist.Locate(FashionMnist.DefaultDirectory);
        var trainImages = First(source.TrainImages, TrainCount);
        var trainLabels = First(source.TrainLabels, TrainCount);
        var testImages = First(source.TestImages, TestCount);
        var testLabels = First(source.TestLabels, TestCount);
        var idx = folder.File("idx");
        Directory.CreateDirectory(idx);
        File.WriteAllBytes(Path.Combine(idx, "train-images-idx3-ubyte"), IdxEncoding.Encode(IdxEncoding.UnsignedByte, [TrainCount, 28, 28], trainImages));
        File.WriteAllBytes(Path.Combine(idx, "train-labels-idx1-ubyte"), IdxEncoding.Encode(IdxEncoding.UnsignedByte, [TrainCount], trainLabels));
        File.WriteAllBytes(Path.Combine(idx, "t10k-images-idx3-ubyte"), IdxEncoding.Encode(IdxEncoding.UnsignedByte, [TestCount, 28, 28], testImages));
        File.WriteAllBytes(Path.Combine(idx, "t10k-labels-idx1-ubyte"), IdxEncoding.Encode(IdxEncoding.UnsignedByte, [TestCount], testLabels));
        var png = FashionMnistConversion.WritePngFolder(folder.File("png"), testImages, testLabels, 28, 28, FashionMnist.ClassCount);
        FashionMnistConversion.WriteNpy(folder.File("x.npy"), folder.File("y.npy"), testImages, testLabels, 28, 28);
        var npy = $"{folder.File("x.npy")},{folder.File("y.npy")}";

        var mlp = Train(ModelZoo.Build(Architecture.Mlp, seed: 1), DatasetLoader.Load(idx, null, ModelInput.Of(ModelZoo.Build(Architecture.Mlp))).Train);
        foreach (var model in new[] { mlp, ModelZoo.Build(Architecture.Cnn, seed: 2) })
        {
            var input = ModelInput.Of(model);
            var fromIdx = DatasetLoader.Load(idx, null, input).Evaluation;
            var fromPng = DatasetLoader.Load(png, null, input).Evaluation;
            var fromNpy = DatasetLoader.Load(npy, null, input).Evaluation;

            // The folder holds the images class by class, each class in file-name (= original) order.
            var byClass = Enumerable.Range(0, TestCount).OrderBy(i => fromIdx.Label(i)).ToArray();
            var idxByClass = fromIdx.Subset(byClass, "idx by class");
            Assert.Equal(TestCount, fromPng.Count);
            Assert.Equal(idxByClass.Labels.ToArray(), fromPng.Labels.ToArray());
            Assert.Equal(idxByClass.Values.ToArray(), fromPng.Values.ToArray());
            Assert.Equal(fromIdx.Labels.ToArray(), fromNpy.Labels.ToArray());
            Assert.Equal(fromIdx.Values.ToArray(), fromNpy.Values.ToArray());
            var metrics = new[] { fromIdx, fromPng, fromNpy }.Select(d => ClassifierEvaluator.Evaluate(model, d)).ToList();
            output.WriteLine($"{model.Graph.Name}: input {string.Join("×", input.SampleShape!)}, accuracy IDX {metrics[0].Accuracy:P2}, PNG {metrics[1].Accuracy:P2}, npy {metrics[2].Accuracy:P2}; loss {metrics[0].Loss:F6} / {metrics[1].Loss:F6} / {metrics[2].Loss:F6}");
            Assert.All(metrics, m => Assert.Equal(metrics[0].Correct, m.Correct));
            Assert.Equal(metrics[0], metrics[2]);
            // Batches group other samples in the folder's order, so the loss sums round differently.
            Assert.Equal(metrics[0].Loss, metrics[1].Loss, 5);
        }
        Assert.True(ClassifierEvaluator.Evaluate(mlp, DatasetLoader.Load(png, null, ModelInput.Of(mlp)).Evaluation).Accuracy > 0.65, "the trained MLP should be far above chance");
    }

    private static Model Train(Model model, LabelledDataset data)
    {
        var trainer = new Trainer(model, new TrainingOptions { Epochs = 2, BatchSize = 64, Seed = 1 });
        trainer.Train(data);
        return trainer.ToModel();
    }

    private static byte[] First(string path, int count)
    {
        var array = IdxReader.Read(path);
        return array.Data[..(array.Data.Length / array.Dimensions[0] * count)];
    }
}
