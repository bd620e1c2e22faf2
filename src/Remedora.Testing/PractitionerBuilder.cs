namespace Remedora.Testing;

/// <summary>Builds a <see cref="Practitioner"/>. Start one with <see cref="TestData.Practitioner"/>.</summary>
/// <remarks>
/// Until a licence is added with <see cref="LicensedIn(string, DateOnly?, DateOnly?)"/> or
/// <see cref="WithExpiredLicenceIn(string)"/>, the practitioner holds one licence in <see cref="TestData.Jurisdiction"/>
/// valid from a year before <see cref="TestClock.StartDate"/> to two years after it. Call
/// <see cref="WithoutLicences"/> for a practitioner with none.
/// </remarks>
public sealed class PractitionerBuilder : RecordBuilder<PractitionerBuilder, Practitioner>
{
    /// <summary>The well-formed, fake DEA registration number used when none is given.</summary>
    public const string FakeDeaNumber = "FT1234563";

    private readonly List<PractitionerLicence> _licences = [];
    private readonly List<string> _specialties = [];
    private bool _licencesSet;
    private string _displayName = "Dr. Test Clinician";
    private string? _npi;
    private DeaRegistration? _dea;
    private bool _active = true;

    /// <summary>Sets the display name.</summary>
    /// <param name="displayName">The name, for example <c>Dr. Test Dermatologist</c>.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder Named(string displayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        _displayName = displayName;
        return this;
    }

    /// <summary>Sets the National Provider Identifier.</summary>
    /// <param name="npi">The NPI.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder WithNpi(string npi)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(npi);
        _npi = npi;
        return this;
    }

    /// <summary>Adds a licence in a jurisdiction (the first one replaces the default licence).</summary>
    /// <param name="jurisdiction">An ISO 3166 code such as <c>US-NY</c>.</param>
    /// <param name="issuedOn">The first valid day; the default is a year before <see cref="TestClock.StartDate"/>.</param>
    /// <param name="expiresOn">The last valid day; the default is two years after <see cref="TestClock.StartDate"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FormatException"><paramref name="jurisdiction"/> is not a valid jurisdiction.</exception>
    /// <exception cref="ArgumentException"><paramref name="expiresOn"/> is before <paramref name="issuedOn"/>.</exception>
    public PractitionerBuilder LicensedIn(string jurisdiction, DateOnly? issuedOn = null, DateOnly? expiresOn = null)
    {
        var licence = NewLicence(Jurisdiction.Parse(jurisdiction), _licences.Count + 1, issuedOn, expiresOn);
        if (licence.ExpiresOn < licence.IssuedOn)
        {
            throw new ArgumentException("A licence cannot expire before it is issued.", nameof(expiresOn));
        }

        return AddLicence(licence);
    }

    /// <summary>Adds a licence in a jurisdiction that expired the day before <see cref="TestClock.StartDate"/>.</summary>
    /// <param name="jurisdiction">An ISO 3166 code.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder WithExpiredLicenceIn(string jurisdiction)
        => LicensedIn(jurisdiction, TestClock.StartDate.AddYears(-3), TestClock.StartDate.AddDays(-1));

    /// <summary>Adds a licence.</summary>
    /// <param name="licence">The licence.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder AddLicence(PractitionerLicence licence)
    {
        ArgumentNullException.ThrowIfNull(licence);
        _licencesSet = true;
        _licences.Add(licence);
        return this;
    }

    /// <summary>Removes every licence, including the default one.</summary>
    /// <returns>This builder.</returns>
    public PractitionerBuilder WithoutLicences()
    {
        _licencesSet = true;
        _licences.Clear();
        return this;
    }

    /// <summary>Adds a specialty.</summary>
    /// <param name="specialty">The specialty code, for example <c>dermatology</c>.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder WithSpecialty(string specialty)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialty);
        _specialties.Add(specialty);
        return this;
    }

    /// <summary>Gives the practitioner a DEA registration.</summary>
    /// <param name="expiresOn">The last valid day; the default is two years after <see cref="TestClock.StartDate"/>.</param>
    /// <param name="number">The registration number; the default is <see cref="FakeDeaNumber"/>.</param>
    /// <returns>This builder.</returns>
    public PractitionerBuilder WithDea(DateOnly? expiresOn = null, string number = FakeDeaNumber)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        _dea = new DeaRegistration(number, expiresOn ?? TestClock.StartDate.AddYears(2));
        return this;
    }

    /// <summary>Marks the practitioner as not taking work.</summary>
    /// <returns>This builder.</returns>
    public PractitionerBuilder Inactive()
    {
        _active = false;
        return this;
    }

    /// <inheritdoc/>
    public override Practitioner Build() => new()
    {
        Id = RecordId,
        TenantId = TenantId,
        DisplayName = _displayName,
        Npi = _npi,
        Licences = _licencesSet ? _licences.ToArray() : [NewLicence(TestData.Jurisdiction, 1, null, null)],
        Specialties = _specialties.ToArray(),
        Dea = _dea,
        Active = _active,
        Version = Version,
    };

    private static PractitionerLicence NewLicence(Jurisdiction jurisdiction, int ordinal, DateOnly? issuedOn, DateOnly? expiresOn)
        => new(jurisdiction, $"TEST-{jurisdiction.Code}-{ordinal:D4}", issuedOn ?? TestClock.StartDate.AddYears(-1), expiresOn ?? TestClock.StartDate.AddYears(2));
}
