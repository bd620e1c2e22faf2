namespace Remedora.Access;

/// <summary>What an actor wants to do with a record.</summary>
public enum AccessAction
{
    /// <summary>Read one record.</summary>
    Read = 0,

    /// <summary>Search or list records.</summary>
    Search = 1,

    /// <summary>Create a record.</summary>
    Create = 2,

    /// <summary>Change a record.</summary>
    Update = 3,

    /// <summary>Delete a record.</summary>
    Delete = 4,

    /// <summary>Export records out of the system (for example a download or a FHIR bundle).</summary>
    Export = 5,

    /// <summary>Print a record.</summary>
    Print = 6,

    /// <summary>Disclose a record to a third party outside the care team.</summary>
    Disclose = 7,
}
