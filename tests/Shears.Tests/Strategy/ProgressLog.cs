namespace Shears.Tests.Strategy;

/// <summary>Keeps every report as it is made (unlike <see cref="Progress{T}"/>, which posts them later).</summary>
internal sealed class ProgressLog : IProgress<OperationProgress>
{
    public List<OperationProgress> Reports { get; } = [];

    public void Report(OperationProgress value) => Reports.Add(value);
}
