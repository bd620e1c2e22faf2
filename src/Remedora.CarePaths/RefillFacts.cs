using System.Text.Json.Serialization;

namespace Remedora.CarePaths;

/// <summary>What a refill is checked against: the last approval of the prescription.</summary>
/// <param name="PrescriptionId">The prescription to refill.</param>
/// <param name="LastApprovedAt">When a clinician last approved it.</param>
/// <param name="RefillsAuthorized">How many refills that approval authorised.</param>
/// <param name="RefillsUsed">How many of them were used.</param>
/// <param name="IsControlledSubstance">Whether the medication is a controlled substance (never refilled without a clinician's live review).</param>
public sealed record RefillFacts(string PrescriptionId, DateTimeOffset LastApprovedAt, int RefillsAuthorized, int RefillsUsed, bool IsControlledSubstance)
{
    /// <summary>Gets the number of refills left.</summary>
    [JsonIgnore]
    public int RefillsRemaining => Math.Max(0, RefillsAuthorized - RefillsUsed);
}
