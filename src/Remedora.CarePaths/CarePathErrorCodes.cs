namespace Remedora.CarePaths;

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
