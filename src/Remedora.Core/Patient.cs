namespace Remedora;

/// <summary>A patient of a tenant.</summary>
/// <remarks>
/// Demographic and contact fields are marked <see cref="PhiAttribute"/>: storage encrypts them and logging redacts
/// them. <see cref="ToString"/> prints the id only.
/// </remarks>
public sealed record Patient
{
    /// <summary>Gets the patient id.</summary>
    public required Id<Patient> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the given (first) name.</summary>
    [Phi]
    public required string GivenName { get; init; }

    /// <summary>Gets the family (last) name.</summary>
    [Phi]
    public required string FamilyName { get; init; }

    /// <summary>Gets the date of birth.</summary>
    [Phi]
    public required DateOnly BirthDate { get; init; }

    /// <summary>Gets the administrative gender.</summary>
    /// <value>The default is <see cref="AdministrativeGender.Unknown"/>.</value>
    public AdministrativeGender Gender { get; init; } = AdministrativeGender.Unknown;

    /// <summary>Gets the email address.</summary>
    [Phi]
    public string? Email { get; init; }

    /// <summary>Gets the phone number.</summary>
    [Phi]
    public string? Phone { get; init; }

    /// <summary>Gets the postal address.</summary>
    [Phi]
    public PostalAddress? Address { get; init; }

    /// <summary>Gets the jurisdiction of residence, which decides which clinicians may treat the patient.</summary>
    public required Jurisdiction Jurisdiction { get; init; }

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>Returns the id only; a patient's details never appear in text produced by the SDK.</summary>
    /// <returns>For example <c>Patient 0193a0f2-…</c>.</returns>
    public override string ToString() => $"Patient {Id}";
}
