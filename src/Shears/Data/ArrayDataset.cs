namespace Shears.Data;

/// <summary>
/// Labelled datasets from NumPy arrays: an inputs array N×… and an integer labels array N (or N×1),
/// found by name in an .npz archive or a folder of .npy files.
/// </summary>
public static class ArrayDataset
{
    private static readonly (string Inputs, string Labels)[] DefaultNames =
        [("x", "y"), ("X", "y"), ("inputs", "labels"), ("images", "labels"), ("data", "labels"), ("features", "labels"), ("x", "labels"), ("inputs", "targets")];

    /// <summary>The samples of <paramref name="inputs"/> (as float32) with the labels of <paramref name="labels"/>.</summary>
    public static LabelledDataset From(NpyArray inputs, NpyArray labels, string name)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (inputs.Shape.Length == 0)
        {
            throw new ShearsException($"{inputs.Source}: the inputs are a scalar; they need a first axis of samples");
        }
        if (labels.Shape.Length is not (1 or 2) || (labels.Shape.Length == 2 && labels.Shape[1] != 1))
        {
            throw new ShearsException($"{labels.Source}: labels must have shape (N,) or (N, 1), not ({string.Join(", ", labels.Shape)})");
        }
        if (inputs.Shape[0] != labels.Shape[0])
        {
            throw new ShearsException($"{inputs.Source} holds {inputs.Shape[0]} samples but {labels.Source} holds {labels.Shape[0]} labels");
        }
        if (inputs.Shape[0] == 0)
        {
            throw new ShearsException($"{inputs.Source}: no samples");
        }
        var shape = inputs.Shape.Length == 1 ? [1] : inputs.Shape[1..].ToArray();
        if (shape.Any(d => d == 0))
        {
            throw new ShearsException($"{inputs.Source}: samples of shape ({string.Join(", ", shape)}) hold no values");
        }
        var labelValues = labels.ToLabels("labels");
        return new LabelledDataset(inputs.ToFloats(), labelValues, shape, labelValues.Max() + 1, name);
    }

    /// <summary>
    /// The array names to read among <paramref name="available"/>: the given ones, else a training and test
    /// pair such as x_train/y_train and x_test/y_test, else one pair such as x/y or inputs/labels.
    /// </summary>
    public static ArrayNames Choose(IReadOnlyCollection<string> available, DataLoadOptions options, string source)
    {
        ArgumentNullException.ThrowIfNull(available);
        ArgumentNullException.ThrowIfNull(options);
        bool Has(string name) => available.Contains(name);
        if (options.InputsArray is not null || options.LabelsArray is not null)
        {
            var inputs = options.InputsArray ?? DefaultNames.Select(p => p.Inputs).FirstOrDefault(Has);
            var labels = options.LabelsArray ?? DefaultNames.Where(p => p.Inputs == inputs).Select(p => p.Labels).FirstOrDefault(Has);
            foreach (var (name, option) in new[] { (inputs, nameof(DataLoadOptions.InputsArray)), (labels, nameof(DataLoadOptions.LabelsArray)) })
            {
                if (name is null || !Has(name))
                {
                    throw new InvalidOptionException($"{source}: no array {(name is null ? "chosen" : $"'{name}'")} for {option} (it holds {List(available)})", option);
                }
            }
            return new ArrayNames(inputs!, labels!, null, null);
        }
        foreach (var (inputs, labels) in DefaultNames)
        {
            foreach (var (train, test) in new[] { ("{0}_train", "{0}_test"), ("train_{0}", "test_{0}") })
            {
                string Named(string pattern, string stem) => string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, stem);
                if (Has(Named(train, inputs)) && Has(Named(train, labels)))
                {
                    var testPair = Has(Named(test, inputs)) && Has(Named(test, labels));
                    return new ArrayNames(Named(train, inputs), Named(train, labels), testPair ? Named(test, inputs) : null, testPair ? Named(test, labels) : null);
                }
            }
            if (Has(inputs) && Has(labels))
            {
                return new ArrayNames(inputs, labels, null, null);
            }
        }
        throw new ShearsException($"{source}: no inputs and labels arrays among {List(available)} (expected x and y, inputs and labels, or x_train, y_train, x_test and y_test; or name them)");
    }

    private static string List(IReadOnlyCollection<string> names) =>
        names.Count == 0 ? "no arrays" : string.Join(", ", names.Order(StringComparer.Ordinal));
}
