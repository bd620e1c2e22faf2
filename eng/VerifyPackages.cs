// Verifies the packages that `dotnet pack` wrote: every packable project under src/ produced a package, and every
// package carries its README, its license, the XML documentation next to each assembly and a symbols package
// (.snupkg) with the matching .pdb. Needs only the .NET SDK:
//
//   dotnet run eng/VerifyPackages.cs -- <packages-folder> [<repository-root>]
//
// Exits 0 when every check passes; otherwise lists every problem and exits 1.
using System.IO.Compression;
using System.Xml.Linq;

var packagesDir = Path.GetFullPath(args.Length > 0 ? args[0] : "artifacts/packages");
var repoRoot = Path.GetFullPath(args.Length > 1 ? args[1] : ".");
var problems = new List<string>();

var packable = Directory.GetDirectories(Path.Combine(repoRoot, "src"))
    .SelectMany(dir => Directory.GetFiles(dir, "*.csproj"))
    .Where(path => XDocument.Load(path).Descendants("IsPackable").Select(e => e.Value.Trim()).LastOrDefault() == "true")
    .Select(path => Path.GetFileNameWithoutExtension(path))
    .Order(StringComparer.Ordinal)
    .ToArray();

var packages = Directory.Exists(packagesDir)
    ? Directory.GetFiles(packagesDir, "*.nupkg").Order(StringComparer.Ordinal).ToArray()
    : [];

foreach (var project in packable)
{
    if (!packages.Any(p => PackageId(p) == project))
    {
        problems.Add($"{project}: no package in {packagesDir} (is it packed by .ci/run?)");
    }
}

foreach (var package in packages)
{
    Verify(package);
}

if (packable.Length == 0)
{
    problems.Add($"No packable project found under {Path.Combine(repoRoot, "src")}.");
}

foreach (var problem in problems)
{
    Console.Error.WriteLine($"error: {problem}");
}

Console.WriteLine(problems.Count == 0
    ? $"Verified {packages.Length} packages: README, license, XML documentation and symbols present."
    : $"{problems.Count} package problem(s) found.");
return problems.Count == 0 ? 0 : 1;

void Verify(string package)
{
    var id = PackageId(package);
    using var zip = ZipFile.OpenRead(package);
    var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    var nuspecEntry = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
    if (nuspecEntry is null)
    {
        problems.Add($"{id}: no .nuspec");
        return;
    }

    XDocument nuspec;
    using (var stream = nuspecEntry.Open())
    {
        nuspec = XDocument.Load(stream);
    }

    var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    string? Meta(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();

    var readme = Meta("readme");
    if (string.IsNullOrEmpty(readme))
    {
        problems.Add($"{id}: the nuspec names no readme (set PackageReadmeFile and pack README.md)");
    }
    else if (!entries.Contains(readme.Replace('\\', '/')))
    {
        problems.Add($"{id}: the readme '{readme}' is not in the package");
    }

    var license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
    if (license is null || string.IsNullOrWhiteSpace(license.Value))
    {
        problems.Add($"{id}: the nuspec has no license");
    }
    else if ((string?)license.Attribute("type") == "file" && !entries.Contains(license.Value.Trim()))
    {
        problems.Add($"{id}: the license file '{license.Value.Trim()}' is not in the package");
    }

    if (!entries.Contains("LICENSE"))
    {
        problems.Add($"{id}: the LICENSE file is not in the package");
    }

    if (string.IsNullOrEmpty(Meta("description")))
    {
        problems.Add($"{id}: the nuspec has no description");
    }

    var assemblies = entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) && e.EndsWith(".dll", StringComparison.Ordinal)).ToArray();
    if (assemblies.Length == 0)
    {
        problems.Add($"{id}: no assembly under lib/");
    }

    foreach (var assembly in assemblies)
    {
        var xml = Path.ChangeExtension(assembly, ".xml");
        if (!entries.Contains(xml))
        {
            problems.Add($"{id}: no XML documentation file {xml} (set GenerateDocumentationFile)");
        }
    }

    var symbols = Path.ChangeExtension(package, ".snupkg");
    if (!File.Exists(symbols))
    {
        problems.Add($"{id}: no symbols package {Path.GetFileName(symbols)} (set IncludeSymbols and SymbolPackageFormat=snupkg)");
        return;
    }

    using var symbolsZip = ZipFile.OpenRead(symbols);
    var symbolEntries = symbolsZip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
    foreach (var assembly in assemblies)
    {
        var pdb = Path.ChangeExtension(assembly, ".pdb");
        if (!symbolEntries.Contains(pdb))
        {
            problems.Add($"{id}: the symbols package has no {pdb}");
        }
    }
}

// Remedora.Core.0.1.0-preview.nupkg -> Remedora.Core: the id ends where the version (a digit after a dot) starts.
static string PackageId(string path)
{
    var name = Path.GetFileNameWithoutExtension(path);
    var parts = name.Split('.');
    var end = Array.FindIndex(parts, p => p.Length > 0 && char.IsAsciiDigit(p[0]));
    return string.Join('.', end < 0 ? parts : parts[..end]);
}
