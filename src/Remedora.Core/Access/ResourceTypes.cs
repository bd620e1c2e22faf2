namespace Remedora.Access;

/// <summary>The kinds of record the core model defines. Packages add their own resource type names.</summary>
public static class ResourceTypes
{
    /// <summary>A <see cref="Remedora.Tenant"/>.</summary>
    public const string Tenant = "Tenant";

    /// <summary>A <see cref="Remedora.Patient"/>.</summary>
    public const string Patient = "Patient";

    /// <summary>A <see cref="Remedora.Practitioner"/>.</summary>
    public const string Practitioner = "Practitioner";

    /// <summary>A <see cref="Remedora.CareTeam"/>.</summary>
    public const string CareTeam = "CareTeam";

    /// <summary>A <see cref="Remedora.CareCase"/>.</summary>
    public const string CareCase = "CareCase";

    /// <summary>An <see cref="Remedora.Encounter"/>.</summary>
    public const string Encounter = "Encounter";

    /// <summary>A <see cref="Remedora.WorkItem"/>.</summary>
    public const string WorkItem = "WorkItem";
}
