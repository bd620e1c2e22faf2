namespace Remedora.Audit;

/// <summary>One disclosure of a patient's information, as the accounting of disclosures lists it.</summary>
/// <param name="DisclosedAt">When.</param>
/// <param name="Recipient">Who received it.</param>
/// <param name="Purpose">Why.</param>
/// <param name="Description">What was disclosed.</param>
/// <param name="ActorId">Who disclosed it.</param>
/// <param name="ResourceType">The kind of record disclosed.</param>
/// <param name="ResourceId">The record's id, when one record was disclosed.</param>
/// <param name="Sequence">The audit record's sequence number in the tenant's chain.</param>
public sealed record DisclosureEntry(
    DateTimeOffset DisclosedAt,
    string Recipient,
    string Purpose,
    string Description,
    string ActorId,
    string ResourceType,
    string? ResourceId,
    long Sequence);
