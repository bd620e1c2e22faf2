using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Remedora.ApiApproval.Tests;

/// <summary>The package graph that docs/architecture.md shows is the graph the projects build.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string[] FeaturePackages = ["Remedora.Audit", "Remedora.CarePaths", "Remedora.Intake"];

    [Fact]
    public void ProjectReferences_MatchThisTable()
    {
        var documented = DocumentedReferences();
        var built = BuiltReferences();

        Assert.Equal(built.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (package, references) in built)
        {
            Assert.True(
                documented[package].SetEquals(references),
                $"docs/architecture.md says {package} references [{string.Join(", ", documented[package].Order())}], " +
                $"but its project references [{string.Join(", ", references.Order())}].");
        }
    }

    [Fact]
    public void FeaturePackages_DoNotReferenceEachOther()
    {
        foreach (var (package, references) in BuiltReferences())
        {
            if (FeaturePackages.Contains(package))
            {
                Assert.DoesNotContain(references, FeaturePackages.Contains);
            }
        }
    }

    [Fact]
    public void Packages_ReferenceNoStorageProvider()
    {
        foreach (var (package, references) in BuiltReferences())
        {
            Assert.DoesNotContain(references, r => r.StartsWith("Remedora.Storage.", StringComparison.Ordinal) && r != package);
        }
    }

    private static Dictionary<string, HashSet<string>> BuiltReferences()
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var project in Directory.GetDirectories(Path.Combine(ShippedProjects.RepositoryRoot, "src")).SelectMany(d => Directory.GetFiles(d, "*.csproj")))
        {
            var document = XDocument.Load(project);
            if (document.Descendants("IsPackable").LastOrDefault()?.Value.Trim() != "true")
            {
                continue;
            }

            result[Path.GetFileNameWithoutExtension(project)] = document.Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }

    private static Dictionary<string, HashSet<string>> DocumentedReferences()
    {
        var text = File.ReadAllText(Path.Combine(ShippedProjects.RepositoryRoot, "docs", "architecture.md"));
        var table = Table().Match(text);
        Assert.True(table.Success, "docs/architecture.md has no <!-- architecture:references --> table.");
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in table.Groups[1].Value.Split('\n').Skip(2).Where(l => l.StartsWith('|')))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var references = cells[2] == "(none)"
                ? []
                : cells[2].Split(',').Select(r => "Remedora." + r.Trim());
            result[cells[1]] = references.ToHashSet(StringComparer.Ordinal);
        }

        return result;
    }

    [GeneratedRegex(@"<!-- architecture:references:begin -->\s*(.*?)<!-- architecture:references:end -->", RegexOptions.Singleline)]
    private static partial Regex Table();
}
