namespace Remedora.ApiApproval.Tests;

/// <summary>CHANGELOG.md stays readable: each entry says what changed in one or two lines.</summary>
public sealed class ChangelogTests
{
    private const int MaxEntryLength = 300;

    [Fact]
    public void UnreleasedEntries_AreOneOrTwoLinesEach()
    {
        var lines = File.ReadAllLines(Path.Combine(ShippedProjects.RepositoryRoot, "CHANGELOG.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## [Unreleased]", StringComparison.Ordinal));
        Assert.True(start >= 0, "CHANGELOG.md has no '## [Unreleased]' section.");
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        var section = lines[(start + 1)..(end < 0 ? lines.Length : end)];

        var entries = new List<string>();
        foreach (var line in section)
        {
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                entries.Add(line);
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal) && entries.Count > 0)
            {
                entries[^1] += " " + line.Trim();
            }
        }

        Assert.NotEmpty(entries);
        var tooLong = entries.Where(e => e.Length > MaxEntryLength).Select(e => e[..60] + "...").ToArray();
        Assert.True(tooLong.Length == 0, $"CHANGELOG entries longer than {MaxEntryLength} characters (say it in one or two lines; details belong in docs/): {string.Join(" | ", tooLong)}");
    }
}
