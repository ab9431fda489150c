using Shears.Testing;

namespace Shears.Tests.Data;

/// <summary>A fact skipped, saying why, when the test Python has no numpy (it comes with Debian's python3-torch).</summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            return Python.Execute(Python.Interpreter, "-c", ["import numpy"], TimeSpan.FromMinutes(1)).ExitCode == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    });

    public NumpyFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = $"{Python.Interpreter} has no numpy; install python3-numpy to cross-check the .npy reader";
        }
    }
}
