using System.Xml.Linq;

namespace Remedora.ApiApproval.Tests;

/// <summary>Finds the repository and its shipped projects: every <c>src/*/*.csproj</c> that sets <c>IsPackable</c> to true.</summary>
internal static class ShippedProjects
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string ApprovedDirectory { get; } = Path.Combine(RepositoryRoot, "tests", "Remedora.ApiApproval.Tests", "approved");

    /// <summary>Gets the assembly names of the shipped projects, in ordinal order.</summary>
    public static IReadOnlyList<string> AssemblyNames { get; } = FindAssemblyNames();

    public static string ApprovedFile(string assemblyName) => Path.Combine(ApprovedDirectory, $"{assemblyName}.approved.txt");

    public static string ReceivedFile(string assemblyName) => Path.Combine(ApprovedDirectory, $"{assemblyName}.received.txt");

    private static string[] FindAssemblyNames()
        => Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"))
            .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
            .Select(path => (Path: path, Project: XDocument.Load(path)))
            .Where(p => Property(p.Project, "IsPackable") is { } packable && bool.Parse(packable))
            .Select(p => Property(p.Project, "AssemblyName") ?? Path.GetFileNameWithoutExtension(p.Path))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string? Property(XDocument project, string name)
        => project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Remedora.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Remedora.Sdk.sln was not found above {AppContext.BaseDirectory}.");
    }
}
