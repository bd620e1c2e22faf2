namespace Remedora.Clinical;

/// <summary>A consent check.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="ConsentKind">The kind of consent, for example <see cref="ConsentKinds.Telehealth"/>.</param>
/// <param name="Jurisdiction">The jurisdiction the care takes place in (the patient's).</param>
/// <param name="At">The instant the consent must be active at.</param>
public sealed record ConsentCheckRequest(TenantId TenantId, Id<Patient> PatientId, string ConsentKind, Jurisdiction Jurisdiction, DateTimeOffset At);
