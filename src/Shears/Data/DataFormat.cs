namespace Shears.Data;

/// <summary>The dataset formats <see cref="DatasetLoader"/> recognises.</summary>
public enum DataFormat
{
    /// <summary>Fashion-MNIST or any MNIST-layout IDX files (a folder or one of the files).</summary>
    Idx,

    /// <summary>A folder with one sub-folder of PNG or JPEG images per class (or train/ and test/ folders of those).</summary>
    ImageFolder,

    /// <summary>Two .npy files, inputs and labels, given as "INPUTS.npy,LABELS.npy".</summary>
    NpyPair,

    /// <summary>A folder holding .npy files such as x.npy and y.npy, or x_train.npy … y_test.npy.</summary>
    NpyFolder,

    /// <summary>A NumPy .npz archive holding inputs and labels arrays.</summary>
    Npz,

    /// <summary>A CSV file of feature columns and a label column.</summary>
    Csv,
}
