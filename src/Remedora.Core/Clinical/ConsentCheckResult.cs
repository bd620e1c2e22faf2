namespace Remedora.Clinical;

/// <summary>The result of a consent check.</summary>
/// <param name="IsActive">Whether an active consent was found.</param>
/// <param name="ConsentId">The id of the active consent record, when found.</param>
/// <param name="Reason">Why no consent is active (for example <c>revoked</c>, <c>missing</c>, <c>superseded-version</c>), when not found.</param>
public sealed record ConsentCheckResult(bool IsActive, string? ConsentId, string? Reason);
