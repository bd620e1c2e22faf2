namespace Remedora.Access;

/// <summary>Why the access policy allowed or denied a request.</summary>
public enum AccessBasis
{
    /// <summary>Allowed: the patient reaches their own record.</summary>
    OwnRecord = 0,

    /// <summary>Allowed: the practitioner is on the patient's care team.</summary>
    CareTeamMember = 1,

    /// <summary>Allowed: the practitioner holds a work item for the patient.</summary>
    HoldsWorkItem = 2,

    /// <summary>Allowed: an administrator acting with a stated purpose of use.</summary>
    AdministrativePurpose = 3,

    /// <summary>Allowed: the application itself.</summary>
    System = 4,

    /// <summary>Allowed through emergency (break-glass) access; flagged in the audit record.</summary>
    BreakGlass = 5,

    /// <summary>Allowed: a record that is not patient data, read by a member of the tenant.</summary>
    TenantMember = 6,

    /// <summary>
    /// Allowed: the practitioner completed a work item for the patient within
    /// <see cref="RemedoraOptions.CompletedWorkAccessWindow"/>, so they can finish what the work started.
    /// </summary>
    RecentlyCompletedWork = 7,

    /// <summary>Denied: the record belongs to another tenant.</summary>
    OtherTenant = 100,

    /// <summary>Denied: the actor has no relationship to the patient.</summary>
    NoRelationship = 101,

    /// <summary>Denied: an administrator stated no purpose of use.</summary>
    PurposeRequired = 102,

    /// <summary>Denied: the break-glass grant is not in force: it has expired, or it starts in the future.</summary>
    BreakGlassExpired = 103,

    /// <summary>Denied: the actor's role may not perform this action on this record.</summary>
    ActionNotPermitted = 104,

    /// <summary>
    /// Denied: the actor acts as a practitioner that is not an active member of the tenant (no such practitioner
    /// record in the tenant, or the record is inactive). Applies to every decision, break-glass included.
    /// </summary>
    NotTenantMember = 105,
}
