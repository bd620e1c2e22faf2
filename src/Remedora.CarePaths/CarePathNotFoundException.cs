namespace Remedora.CarePaths;

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
