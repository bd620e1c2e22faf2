using System.Text.Json.Serialization;
using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>
/// What a care path knows about a case beyond its state: the priority, the red flags from intake, the escalations,
/// refill details, custom values, and where the case is in its history. Stored beside the <see cref="CareCase"/> and
/// changed in the same unit of work as every transition. Guards and effects read it.
/// </summary>
public sealed record CaseFacts
{
    /// <summary>Gets the case.</summary>
    public required Id<CareCase> CaseId { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the patient.</summary>
    public required Id<Patient> PatientId { get; init; }

    /// <summary>Gets the priority of the case's work; red flags and overdue reviews raise it.</summary>
    /// <value>The default is <see cref="WorkItemPriority.Routine"/>.</value>
    public WorkItemPriority Priority { get; init; } = WorkItemPriority.Routine;

    /// <summary>Gets the red flags raised by the case's intake submissions.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<RedFlag> RedFlags { get; init; } = [];

    /// <summary>Gets the ids of the intake submissions recorded for the case (each is recorded once).</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> IntakeSubmissionIds { get; init; } = [];

    /// <summary>Gets the escalations of the case, oldest first.</summary>
    /// <value>The default is empty.</value>
    [Phi]
    public IReadOnlyList<EscalationRecord> Escalations { get; init; } = [];

    /// <summary>Gets the refill details of a refill case.</summary>
    /// <value>The details; <see langword="null"/> for other cases.</value>
    [Phi]
    public RefillFacts? Refill { get; init; }

    /// <summary>Gets custom values that custom paths keep (identifiers and codes, never patient details).</summary>
    /// <value>The default is empty.</value>
    [Phi]
    public IReadOnlyDictionary<string, string> Values { get; init; } = EmptyValues;

    /// <summary>Gets the sequence number of the case's last history entry (0 when it was opened).</summary>
    public long TransitionCount { get; init; }

    /// <summary>Gets when the case entered its current state.</summary>
    public DateTimeOffset StateEnteredAt { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>Gets the highest severity among <see cref="RedFlags"/>, or <see langword="null"/> when there are none.</summary>
    [JsonIgnore]
    public RedFlagSeverity? HighestSeverity
    {
        get
        {
            RedFlagSeverity? highest = null;
            foreach (var flag in RedFlags)
            {
                if (highest is null || flag.Severity > highest)
                {
                    highest = flag.Severity;
                }
            }

            return highest;
        }
    }

    /// <summary>Gets a value indicating whether a red flag of the highest severity (<see cref="RedFlagSeverity.Critical"/>) was raised.</summary>
    [JsonIgnore]
    public bool HasCriticalRedFlag => HighestSeverity == RedFlagSeverity.Critical;

    /// <summary>Creates the facts of a new case.</summary>
    /// <param name="careCase">The case.</param>
    /// <returns>The facts, at version 0.</returns>
    public static CaseFacts For(CareCase careCase)
    {
        ArgumentNullException.ThrowIfNull(careCase);
        return new CaseFacts { CaseId = careCase.Id, TenantId = careCase.TenantId, PatientId = careCase.PatientId, StateEnteredAt = careCase.OpenedAt };
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyValues = new Dictionary<string, string>(StringComparer.Ordinal);
}
