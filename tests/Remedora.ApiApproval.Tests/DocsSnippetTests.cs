using System.Text;
using System.Text.RegularExpressions;

namespace Remedora.ApiApproval.Tests;

/// <summary>
/// The C# in docs/ and README.md is compiled code: each <c>```csharp</c> block sits between
/// <c>&lt;!-- snippet: name --&gt;</c> and <c>&lt;!-- endSnippet --&gt;</c> and equals the region between
/// <c>// begin-snippet: name</c> and <c>// end-snippet</c> in a source file under src/, tests/, samples/ or
/// benchmarks/ (the format MarkdownSnippets uses). Run with <c>REMEDORA_ACCEPT_SNIPPETS=1</c> to copy the compiled
/// regions into the pages.
/// </summary>
public sealed partial class DocsSnippetTests
{
    private const string AcceptVariable = "REMEDORA_ACCEPT_SNIPPETS";

    /// <summary>Pages whose code blocks are not compiled snippets yet; each is converted and removed from here.</summary>
    private static readonly HashSet<string> NotYetConverted = new(StringComparer.Ordinal)
    {
        "docs/audit-and-security.md",
        "docs/fhir.md",
        "docs/intake.md",
        "docs/storage.md",
        "docs/storage-efcore.md",
    };

    [Fact]
    public void EveryCSharpBlockInTheDocs_IsACompiledSnippet()
    {
        var snippets = SourceSnippets();
        var accept = Environment.GetEnvironmentVariable(AcceptVariable) == "1";
        var problems = new List<string>();

        foreach (var page in Pages())
        {
            var relative = Path.GetRelativePath(ShippedProjects.RepositoryRoot, page).Replace('\\', '/');
            var text = File.ReadAllText(page).ReplaceLineEndings("\n");
            var rewritten = SnippetBlock().Replace(text, match =>
            {
                var name = match.Groups["name"].Value;
                if (!snippets.TryGetValue(name, out var code))
                {
                    problems.Add($"{relative}: snippet '{name}' has no '// begin-snippet: {name}' region in the sources.");
                    return match.Value;
                }

                if (match.Groups["code"].Value != code)
                {
                    problems.Add($"{relative}: snippet '{name}' differs from its source region (run the tests with {AcceptVariable}=1 to copy it).");
                }

                return $"<!-- snippet: {name} -->\n```csharp\n{code}```\n<!-- endSnippet -->";
            });

            if (!NotYetConverted.Contains(relative))
            {
                var outside = SnippetBlock().Replace(rewritten, string.Empty);
                foreach (Match block in CSharpBlock().Matches(outside))
                {
                    var line = outside[..block.Index].Count(c => c == '\n') + 1;
                    problems.Add($"{relative}: a ```csharp block (near line {line} outside snippets) is not a compiled snippet: move the code into a compiled source between '// begin-snippet: <name>' and '// end-snippet' and reference it with '<!-- snippet: <name> -->'.");
                }
            }

            if (accept && rewritten != text)
            {
                File.WriteAllText(page, rewritten);
            }
        }

        Assert.True(problems.Count == 0 || accept, string.Join('\n', problems));
    }

    [Fact]
    public void EverySourceSnippet_IsUsedByAPage()
    {
        var used = Pages()
            .SelectMany(p => SnippetBlock().Matches(File.ReadAllText(p).ReplaceLineEndings("\n")))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

        var unused = SourceSnippets().Keys.Where(name => !used.Contains(name)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(unused.Length == 0, $"Snippets no page shows: {string.Join(", ", unused)}.");
    }

    private static IEnumerable<string> Pages()
        => Directory.GetFiles(Path.Combine(ShippedProjects.RepositoryRoot, "docs"), "*.md")
            .Append(Path.Combine(ShippedProjects.RepositoryRoot, "README.md"))
            .Order(StringComparer.Ordinal);

    private static Dictionary<string, string> SourceSnippets()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in new[] { "src", "tests", "samples", "benchmarks" })
        {
            var root = Path.Combine(ShippedProjects.RepositoryRoot, folder);
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
            {
                var normalized = file.Replace('\\', '/');
                if (normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal))
                {
                    continue;
                }

                var text = File.ReadAllText(file).ReplaceLineEndings("\n");
                foreach (Match region in SourceRegion().Matches(text))
                {
                    var name = region.Groups["name"].Value;
                    Assert.True(result.TryAdd(name, Dedent(region.Groups["code"].Value)), $"Snippet '{name}' is defined twice (second in {normalized}).");
                }
            }
        }

        return result;
    }

    private static string Dedent(string code)
    {
        var lines = code.TrimEnd('\n').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line.Length >= indent ? line[indent..].TrimEnd() : line.Trim()).Append('\n');
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[A-Za-z0-9._-]+) -->\n```csharp\n(?<code>.*?)```\n<!-- endSnippet -->", RegexOptions.Singleline)]
    private static partial Regex SnippetBlock();

    [GeneratedRegex(@"^```csharp\n.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^[ \t]*// begin-snippet: (?<name>[A-Za-z0-9._-]+)[ \t]*\n(?<code>.*?)^[ \t]*// end-snippet[ \t]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex SourceRegion();
}
