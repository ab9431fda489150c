namespace Shears.Hardware.Host;

/// <summary>One benchmark's result on one thread and on all threads, in its own unit, with how it was run.</summary>
internal sealed record BenchmarkFigures(double SingleThread, double AllThreads, string Method);
