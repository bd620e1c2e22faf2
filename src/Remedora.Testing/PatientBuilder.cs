namespace Remedora.Testing;

/// <summary>
/// Builds a <see cref="Patient"/> with obviously fake demographics. Start one with <see cref="TestData.Patient"/>.
/// </summary>
/// <remarks>
/// The defaults: <c>Testy Fakepatient</c>, born 1985-03-14, gender unknown, <c>testy.fakepatient@example.com</c>,
/// <c>+1-555-0100</c>, <c>100 Example Street, Testville</c>, living in <see cref="TestData.Jurisdiction"/>. The
/// address's country and region follow the jurisdiction unless an address is set.
/// </remarks>
public sealed class PatientBuilder : RecordBuilder<PatientBuilder, Patient>
{
    private string _givenName = "Testy";
    private string _familyName = "Fakepatient";
    private DateOnly _birthDate = new(1985, 3, 14);
    private AdministrativeGender _gender = AdministrativeGender.Unknown;
    private string? _email = "testy.fakepatient@example.com";
    private string? _phone = "+1-555-0100";
    private PostalAddress? _address;
    private bool _addressSet;
    private Jurisdiction _jurisdiction = TestData.Jurisdiction;

    /// <summary>Sets the given and family names.</summary>
    /// <param name="givenName">The given name.</param>
    /// <param name="familyName">The family name.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder Named(string givenName, string familyName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(givenName);
        ArgumentException.ThrowIfNullOrWhiteSpace(familyName);
        _givenName = givenName;
        _familyName = familyName;
        return this;
    }

    /// <summary>Sets the date of birth.</summary>
    /// <param name="birthDate">The date.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder BornOn(DateOnly birthDate)
    {
        _birthDate = birthDate;
        return this;
    }

    /// <summary>Sets the date of birth so that the patient is <paramref name="years"/> old on <see cref="TestClock.StartDate"/>.</summary>
    /// <param name="years">The age in whole years; 0 to 130.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder Aged(int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(years, 130);
        _birthDate = TestClock.StartDate.AddYears(-years);
        return this;
    }

    /// <summary>Sets the administrative gender.</summary>
    /// <param name="gender">The gender.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder WithGender(AdministrativeGender gender)
    {
        _gender = gender;
        return this;
    }

    /// <summary>Sets the contact details.</summary>
    /// <param name="email">The email address, or <see langword="null"/> for none.</param>
    /// <param name="phone">The phone number, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder WithContact(string? email, string? phone)
    {
        _email = email;
        _phone = phone;
        return this;
    }

    /// <summary>Sets the postal address, replacing the default one.</summary>
    /// <param name="address">The address, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public PatientBuilder WithAddress(PostalAddress? address)
    {
        _address = address;
        _addressSet = true;
        return this;
    }

    /// <summary>Sets the jurisdiction of residence.</summary>
    /// <param name="jurisdiction">An ISO 3166 code such as <c>US-NY</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FormatException"><paramref name="jurisdiction"/> is not a valid jurisdiction.</exception>
    public PatientBuilder InJurisdiction(string jurisdiction) => InJurisdiction(Jurisdiction.Parse(jurisdiction));

    /// <summary>Sets the jurisdiction of residence.</summary>
    /// <param name="jurisdiction">The jurisdiction.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="jurisdiction"/> is empty.</exception>
    public PatientBuilder InJurisdiction(Jurisdiction jurisdiction)
    {
        if (jurisdiction.IsEmpty)
        {
            throw new ArgumentException("A patient needs a non-empty jurisdiction of residence.", nameof(jurisdiction));
        }

        _jurisdiction = jurisdiction;
        return this;
    }

    /// <inheritdoc/>
    public override Patient Build() => new()
    {
        Id = RecordId,
        TenantId = TenantId,
        GivenName = _givenName,
        FamilyName = _familyName,
        BirthDate = _birthDate,
        Gender = _gender,
        Email = _email,
        Phone = _phone,
        Address = _addressSet ? _address : DefaultAddress(_jurisdiction),
        Jurisdiction = _jurisdiction,
        Version = Version,
    };

    private static PostalAddress DefaultAddress(Jurisdiction jurisdiction)
        => new(["100 Example Street"], "Testville", jurisdiction.Code.Length > 3 ? jurisdiction.Code[3..] : null, "00000", jurisdiction.Country);
}
