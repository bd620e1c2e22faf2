namespace Remedora.CarePaths;

/// <summary>A care path definition is invalid. <see cref="Problems"/> lists every problem found when it was built.</summary>
public sealed class CarePathDefinitionException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="CarePathDefinitionException"/> class.</summary>
    /// <param name="pathName">The path's name.</param>
    /// <param name="problems">The problems; at least one.</param>
    public CarePathDefinitionException(string pathName, IReadOnlyList<ValidationProblem> problems)
        : base(CarePathErrorCodes.InvalidDefinition, RemedoraErrorCategory.Validation, BuildMessage(pathName, problems))
    {
        PathName = pathName;
        Problems = problems;
    }

    /// <summary>Gets the path's name.</summary>
    public string PathName { get; }

    /// <summary>Gets the problems, each with where it is (for example <c>states.triage</c>), a stable code and what to do.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string BuildMessage(string pathName, IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An invalid definition needs at least one problem.", nameof(problems));
        }

        var count = problems.Count == 1 ? "1 problem" : $"{problems.Count} problems";
        return $"Care path '{pathName}' is invalid ({count}): " + string.Join(" ", problems.Select(p => $"{p.Path}: {p.Message} [{p.Code}]"));
    }
}
