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

/// <summary>The stable error codes of the care paths package.</summary>
public static class CarePathErrorCodes
{
    /// <summary>A care path definition is invalid.</summary>
    public const string InvalidDefinition = "remedora.carepaths.invalid_definition";

    /// <summary>A case follows a path that is not registered.</summary>
    public const string UnknownPath = "remedora.carepaths.unknown_path";

    /// <summary>A case is in a state its path does not define.</summary>
    public const string UnknownState = "remedora.carepaths.unknown_state";
}

/// <summary>A case names a path that is not registered, or a state its path does not define.</summary>
public sealed class CarePathNotFoundException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="CarePathNotFoundException"/> class.</summary>
    /// <param name="pathName">The path's name.</param>
    /// <param name="state">The unknown state, or <see langword="null"/> when the path itself is unknown.</param>
    public CarePathNotFoundException(string pathName, string? state = null)
        : base(state is null ? CarePathErrorCodes.UnknownPath : CarePathErrorCodes.UnknownState, RemedoraErrorCategory.NotFound,
            state is null
                ? $"No care path named '{pathName}' is registered. Register it with AddCarePath(...) (or register the built-in paths) before opening or moving cases on it."
                : $"Care path '{pathName}' has no state '{state}'. The case was stored by another version of the path: migrate the case's state, or register a path version that defines it.")
    {
        PathName = pathName;
        State = state;
    }

    /// <summary>Gets the path's name.</summary>
    public string PathName { get; }

    /// <summary>Gets the unknown state, if the path is known.</summary>
    public string? State { get; }
}
