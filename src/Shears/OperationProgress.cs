namespace Shears;

/// <summary>
/// How far a long operation has got, reported through <see cref="IProgress{T}"/>: step <see cref="Step"/> of
/// <see cref="Steps"/> of <see cref="Operation"/>, with an optional note on the step just finished.
/// </summary>
/// <param name="Operation">What is running, e.g. "planning" or "evaluating".</param>
/// <param name="Step">Steps finished so far, from 0 to <paramref name="Steps"/>.</param>
/// <param name="Steps">Steps the operation takes in all (an upper bound when it may stop early).</param>
/// <param name="Detail">What the step found, for one line of a log; null when there is nothing to say.</param>
public sealed record OperationProgress(string Operation, int Step, int Steps, string? Detail = null);
