namespace Shears.Data;

/// <summary>
/// Fashion-MNIST is not where it was looked for. The message says where Shears searched, what was
/// missing and how to fix it; a front end names its own way of pointing at a folder with <see cref="Describe(string)"/>.
/// </summary>
public sealed class DatasetNotFoundException : ShearsException
{
    /// <summary>Creates the exception with a default message.</summary>
    public DatasetNotFoundException()
    {
    }

    /// <summary>Creates the exception with a message naming the problem.</summary>
    /// <param name="message">One line saying what was not found.</param>
    public DatasetNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">One line saying what was not found.</param>
    /// <param name="innerException">The underlying error.</param>
    public DatasetNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a search of <paramref name="searched"/>; the message names the Debian package, <see cref="FashionMnist.DataEnvironmentVariable"/> and giving the folder as remedies.</summary>
    /// <param name="searched">The folder or file searched.</param>
    /// <param name="missing">The first file that was not there, or null when <paramref name="searched"/> itself is missing.</param>
    public DatasetNotFoundException(string searched, string? missing)
        : base(Describe(searched, missing, "give the folder that holds it"))
    {
        Searched = searched;
        Missing = missing;
    }

    /// <summary>The folder or file searched.</summary>
    public string Searched { get; } = "";

    /// <summary>The first file that was not there, or null when the path itself is missing.</summary>
    public string? Missing { get; }

    /// <summary>The message with <paramref name="pointAtFolder"/> as the last remedy (e.g. a command-line flag).</summary>
    public string Describe(string pointAtFolder) => Describe(Searched, Missing, pointAtFolder);

    private static string Describe(string searched, string? missing, string pointAtFolder)
    {
        var why = missing is null ? "" : $" (no {missing})";
        return $"Fashion-MNIST not found in {searched}{why}; install the Debian package {FashionMnist.DebianPackage}, set {FashionMnist.DataEnvironmentVariable} or {pointAtFolder}";
    }
}
