using BenchmarkDotNet.Running;

namespace Shears.Bench;

/// <summary>A benchmark class that knows how many floating-point operations one invocation of a case performs.</summary>
internal interface IFlopCounted
{
    static abstract double Flops(BenchmarkCase benchmarkCase);
}
