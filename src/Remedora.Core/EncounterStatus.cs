namespace Remedora;

/// <summary>The status of an encounter, as FHIR <c>Encounter.status</c>.</summary>
public enum EncounterStatus
{
    /// <summary>Planned, not started.</summary>
    Planned = 0,

    /// <summary>In progress.</summary>
    InProgress = 1,

    /// <summary>Finished.</summary>
    Finished = 2,

    /// <summary>Cancelled before it started.</summary>
    Cancelled = 3,
}
