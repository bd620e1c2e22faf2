namespace Remedora;

/// <summary>A clinician, pharmacist or coordinator who works for a tenant, with licences per jurisdiction.</summary>
public sealed record Practitioner
{
    /// <summary>Gets the practitioner id.</summary>
    public required Id<Practitioner> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the name shown to patients and colleagues, for example <c>Dr. Maya Chen</c>.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the US National Provider Identifier, when the practitioner has one.</summary>
    public string? Npi { get; init; }

    /// <summary>Gets the licences to practise, one per jurisdiction.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<PractitionerLicence> Licences { get; init; } = [];

    /// <summary>Gets the specialty codes, for example <c>dermatology</c>.</summary>
    /// <value>The default is empty.</value>
    public IReadOnlyList<string> Specialties { get; init; } = [];

    /// <summary>Gets the DEA registration that allows prescribing controlled substances.</summary>
    /// <value>The registration; <see langword="null"/> when the practitioner has none.</value>
    public DeaRegistration? Dea { get; init; }

    /// <summary>
    /// Gets a value indicating whether the practitioner is an active member of the tenant. Only an active practitioner
    /// may act in the tenant at all (the access policy refuses actors of an inactive or unknown practitioner, with
    /// <c>NotTenantMember</c>) and take work from the queue. Set it to <see langword="false"/> to offboard someone.
    /// </summary>
    /// <value>The default is <see langword="true"/>; stored records without the field read as active.</value>
    public bool Active { get; init; } = true;

    /// <summary>Gets the stored version, used for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>Determines whether the practitioner holds a licence for <paramref name="jurisdiction"/> valid at <paramref name="at"/>.</summary>
    /// <param name="jurisdiction">The patient's jurisdiction.</param>
    /// <param name="at">The instant of the check; licence dates are compared with its UTC date.</param>
    /// <returns><see langword="true"/> when a licence for that jurisdiction is valid then.</returns>
    public bool IsLicensedIn(Jurisdiction jurisdiction, DateTimeOffset at)
    {
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        foreach (var licence in Licences)
        {
            if (licence.Jurisdiction == jurisdiction && licence.IsValidOn(date))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the jurisdictions in which the practitioner holds a licence valid at <paramref name="at"/>.</summary>
    /// <param name="at">The instant of the check.</param>
    /// <returns>The jurisdictions, without duplicates.</returns>
    public IReadOnlyList<Jurisdiction> JurisdictionsLicensedAt(DateTimeOffset at)
    {
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        return Licences.Where(l => l.IsValidOn(date)).Select(l => l.Jurisdiction).Distinct().ToArray();
    }

    /// <summary>Determines whether the practitioner has a specialty (compared ordinally, ignoring case).</summary>
    /// <param name="specialty">The specialty code.</param>
    /// <returns><see langword="true"/> when the practitioner has it.</returns>
    public bool HasSpecialty(string specialty) => Specialties.Contains(specialty, StringComparer.OrdinalIgnoreCase);

    /// <summary>Determines whether the practitioner may prescribe controlled substances to a patient in <paramref name="jurisdiction"/> at <paramref name="at"/>.</summary>
    /// <param name="jurisdiction">The patient's jurisdiction.</param>
    /// <param name="at">The instant of the check.</param>
    /// <returns><see langword="true"/> when the DEA registration and a licence for that jurisdiction are both valid.</returns>
    public bool CanPrescribeControlledSubstances(Jurisdiction jurisdiction, DateTimeOffset at)
        => Dea is { } dea && dea.IsValidOn(DateOnly.FromDateTime(at.UtcDateTime)) && IsLicensedIn(jurisdiction, at);
}
