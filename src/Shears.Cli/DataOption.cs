using System.CommandLine;
using System.Globalization;
using Shears.Data;
using Shears.IR;

namespace Shears.Cli;

/// <summary>
/// The data options every command that reads data shares: --data (Fashion-MNIST, an image folder, .npy,
/// .npz, CSV or an IDX folder), --test-data, --validation-split and how samples are shaped. Loads for a
/// model's input and checks the data fits it before any work starts.
/// </summary>
internal sealed class DataOption
{
    private static readonly Dictionary<string, SampleLayout> Layouts = new(StringComparer.Ordinal)
    {
        ["nchw"] = SampleLayout.ChannelsFirst,
        ["nhwc"] = SampleLayout.ChannelsLast,
        ["auto"] = SampleLayout.Auto,
    };

    private readonly Option<string> _data;
    private readonly Option<string> _testData = new("--test-data") { Description = "A separate test set, in any format --data takes" };
    private readonly Option<double> _validationSplit = new("--validation-split") { Description = "Fraction of the training data held out for validation (drawn with --seed), 0 ≤ F < 1" };
    private readonly Option<string> _resize = new("--resize") { Description = "Image folders: resize images to HxW (default: the model's input size)" };
    private readonly Option<string> _crop = new("--crop") { Description = "Image folders: centre crop HxW after resizing" };
    private readonly Option<string> _mean = new("--mean") { Description = "Per-channel mean to subtract, a or a,b,c (default none: images in [0, 1])" };
    private readonly Option<string> _std = new("--std") { Description = "Per-channel divisor after the mean, a or a,b,c (e.g. 255 for byte arrays)" };
    private readonly Option<string> _layout = new("--layout") { Description = "nchw | nhwc (default: as the model's input says)" };
    private readonly Option<string> _labelColumn = new("--label-column") { Description = "CSV: label column by name or 0-based index (default: 'label', else the last)" };
    private readonly Option<string> _inputsArray = new("--inputs-array") { Description = ".npz / .npy folder: name of the inputs array (default x, inputs, images …)" };
    private readonly Option<string> _labelsArray = new("--labels-array") { Description = ".npz / .npy folder: name of the labels array (default y, labels …)" };

    /// <param name="fashionMnistByDefault">Whether --data defaults to the installed Fashion-MNIST (else it is absent unless given).</param>
    /// <param name="defaultValidationSplit">The --validation-split a command uses when it is not given.</param>
    public DataOption(bool fashionMnistByDefault = true, double defaultValidationSplit = 0)
    {
        _validationSplit.DefaultValueFactory = _ => defaultValidationSplit;
        _data = new Option<string>("--data")
        {
            Description = "fashion-mnist (default location), an image folder (one sub-folder per class), INPUTS.npy,LABELS.npy, a folder of .npy files, .npz, .csv, or a folder of MNIST-format IDX files",
        };
        if (fashionMnistByDefault)
        {
            _data.DefaultValueFactory = _ => DatasetLoader.FashionMnistName;
        }
    }

    /// <summary>Adds every data option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _data, _testData, _validationSplit, _resize, _crop, _mean, _std, _layout, _labelColumn, _inputsArray, _labelsArray })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Whether --data was given (or defaults to Fashion-MNIST).</summary>
    public bool IsGiven(ParseResult parse) => parse.GetValue(_data) is not null;

    /// <summary>Loads the data for <paramref name="model"/>'s input and checks every part fits it.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="model">The model the data must fit.</param>
    /// <param name="seed">The command's seed, which also draws the validation split.</param>
    public DatasetSplit Load(ParseResult parse, Model model, ulong seed = 0)
    {
        var options = Options(parse) with { Seed = seed };
        var path = parse.GetValue(_data);
        try
        {
            return DatasetLoader.Load(path, options, ModelInput.Of(model));
        }
        catch (DatasetNotFoundException e)
        {
            throw new ShearsException(e.Describe("pass --data DIR"), e);
        }
    }

    /// <summary>The library options the flags give; nonsense values are usage errors.</summary>
    public DataLoadOptions Options(ParseResult parse)
    {
        var fraction = parse.GetValue(_validationSplit);
        if (!(fraction >= 0 && fraction < 1))
        {
            throw new UsageException($"--validation-split {fraction.ToString(CultureInfo.InvariantCulture)} must be at least 0 and less than 1");
        }
        return new DataLoadOptions
        {
            Resize = Size("--resize", parse.GetValue(_resize)),
            Crop = Size("--crop", parse.GetValue(_crop)),
            Mean = Numbers("--mean", parse.GetValue(_mean), positive: false),
            StandardDeviation = Numbers("--std", parse.GetValue(_std), positive: true),
            Layout = EnumOption.Parse("--layout", parse.GetValue(_layout), Layouts, SampleLayout.Auto),
            ValidationFraction = fraction,
            TestPath = parse.GetValue(_testData),
            LabelColumn = parse.GetValue(_labelColumn),
            InputsArray = parse.GetValue(_inputsArray),
            LabelsArray = parse.GetValue(_labelsArray),
        };
    }

    private static ImageSize? Size(string flag, string? text) => text is null
        ? null
        : ImageSize.TryParse(text) ?? throw new UsageException($"{flag} '{text}' must be HxW with positive sizes, e.g. 224x224");

    private static float[]? Numbers(string flag, string? text, bool positive)
    {
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i]) || (positive && values[i] <= 0))
            {
                throw new UsageException($"{flag} '{text}': '{parts[i]}' is not a {(positive ? "positive " : "")}number (expected a or a,b,c)");
            }
        }
        return values;
    }
}
