namespace Remedora;

/// <summary>What an actor did, recorded in an <see cref="AuditEvent"/>.</summary>
public enum AuditAction
{
    /// <summary>Created a record.</summary>
    Create = 0,

    /// <summary>Read a record.</summary>
    Read = 1,

    /// <summary>Changed a record.</summary>
    Update = 2,

    /// <summary>Deleted a record.</summary>
    Delete = 3,

    /// <summary>Searched or listed records.</summary>
    Search = 4,

    /// <summary>Exported records out of the system.</summary>
    Export = 5,

    /// <summary>Printed a record.</summary>
    Print = 6,

    /// <summary>Disclosed a record to a third party.</summary>
    Disclose = 7,

    /// <summary>Signed in.</summary>
    Login = 8,

    /// <summary>Invoked emergency (break-glass) access.</summary>
    BreakGlass = 9,
}
