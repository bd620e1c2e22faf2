namespace Remedora.Clinical;

/// <summary>
/// Answers whether a patient has an active consent of a kind, so care paths can refuse to proceed without it (for
/// example "telehealth consent must be active for this tenant and jurisdiction"). Intake implements it.
/// </summary>
public interface IConsentGate
{
    /// <summary>Checks for an active consent.</summary>
    /// <param name="request">What to check.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The result.</returns>
    ValueTask<ConsentCheckResult> CheckAsync(ConsentCheckRequest request, CancellationToken cancellationToken = default);
}

/// <summary>A consent check.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="ConsentKind">The kind of consent, for example <see cref="ConsentKinds.Telehealth"/>.</param>
/// <param name="Jurisdiction">The jurisdiction the care takes place in (the patient's).</param>
/// <param name="At">The instant the consent must be active at.</param>
public sealed record ConsentCheckRequest(TenantId TenantId, Id<Patient> PatientId, string ConsentKind, Jurisdiction Jurisdiction, DateTimeOffset At);

/// <summary>The result of a consent check.</summary>
/// <param name="IsActive">Whether an active consent was found.</param>
/// <param name="ConsentId">The id of the active consent record, when found.</param>
/// <param name="Reason">Why no consent is active (for example <c>revoked</c>, <c>missing</c>, <c>superseded-version</c>), when not found.</param>
public sealed record ConsentCheckResult(bool IsActive, string? ConsentId, string? Reason);

/// <summary>Well-known consent kinds.</summary>
public static class ConsentKinds
{
    /// <summary>Consent to receive care through telehealth.</summary>
    public const string Telehealth = "telehealth";
}
