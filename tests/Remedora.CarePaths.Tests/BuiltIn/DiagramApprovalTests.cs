using System.Text.RegularExpressions;
using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.BuiltIn;

/// <summary>
/// The diagrams in docs/care-paths.md are generated from the definitions. This test fails when they differ; run it
/// with REMEDORA_ACCEPT_DIAGRAMS=1 to rewrite them, then review the diff.
/// </summary>
public partial class DiagramApprovalTests
{
    public static TheoryData<string> Paths => [.. BuiltInCarePaths.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Paths))]
    public void BuiltInPath_DiagramInDocs_MatchesDefinition(string name)
    {
        var path = BuiltInCarePaths.All.Single(p => p.Name == name);
        var file = RepositoryFiles.Find("docs/care-paths.md");
        var doc = File.ReadAllText(file).ReplaceLineEndings("\n");
        var expected = $"<!-- diagram:{name} -->\n```mermaid\n{path.ToMermaid()}```\n<!-- /diagram:{name} -->";
        var pattern = new Regex($"<!-- diagram:{Regex.Escape(name)} -->.*?<!-- /diagram:{Regex.Escape(name)} -->", RegexOptions.Singleline);
        var match = pattern.Match(doc);
        Assert.True(match.Success, $"docs/care-paths.md has no <!-- diagram:{name} --> block.");

        if (match.Value != expected && Environment.GetEnvironmentVariable("REMEDORA_ACCEPT_DIAGRAMS") == "1")
        {
            File.WriteAllText(file, doc.Replace(match.Value, expected, StringComparison.Ordinal));
            return;
        }

        Assert.Equal(expected, match.Value);
    }

    [Fact]
    public void Definitions_DotDiagram_IsGeneratedFromTheSameMachine()
    {
        var dot = BuiltInCarePaths.AsyncConsult.ToDot();
        Assert.StartsWith("digraph {", dot);
        Assert.Contains("\"in-review\" -> \"approved\" [style=\"solid\", label=\"approve [no live visit needed] [no critical red flag]\"];", dot);
    }
}
