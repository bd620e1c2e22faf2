namespace Remedora.Testing.Tests.Builders;

public class EntityBuilderTests
{
    [Fact]
    public void Tenant_Defaults_AreTheTestTenant()
    {
        var tenant = TestData.Tenant().Build();

        Assert.Equal(TestData.TenantId, tenant.Id);
        Assert.Equal("test-tenant", tenant.Id.Value);
        Assert.Equal("Test Tenant", tenant.Name);
        Assert.Equal([TestData.Jurisdiction], tenant.ServiceJurisdictions);
        Assert.True(tenant.Active);
        Assert.Equal(TestClock.Start, tenant.CreatedAt);
        Assert.Equal(0, tenant.Version);
    }

    [Fact]
    public void Tenant_Settings_AreApplied()
    {
        var tenant = TestData.Tenant().WithId("acme-derm").Named("Acme Dermatology").ServingIn("us-ny", "US-NJ").Inactive().CreatedAt(TestClock.Start.AddDays(-3)).WithVersion(4).Build();

        Assert.Equal("acme-derm", tenant.Id.Value);
        Assert.Equal("Acme Dermatology", tenant.Name);
        Assert.Equal(["US-NY", "US-NJ"], tenant.ServiceJurisdictions.Select(j => j.Code));
        Assert.False(tenant.Active);
        Assert.Equal(TestClock.Start.AddDays(-3), tenant.CreatedAt);
        Assert.Equal(4, tenant.Version);
        Assert.Empty(TestData.Tenant().ServingIn().Build().ServiceJurisdictions);
        Assert.Throws<FormatException>(() => TestData.Tenant().WithId("Not A Slug"));
        Assert.Throws<ArgumentException>(() => TestData.Tenant().WithId(default(TenantId)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Tenant().WithVersion(-1));
    }

    [Fact]
    public void Patient_Defaults_AreObviouslyFake()
    {
        var patient = TestData.Patient().Build();

        Assert.False(patient.Id.IsEmpty);
        Assert.Equal(TestData.TenantId, patient.TenantId);
        Assert.Equal(("Testy", "Fakepatient"), (patient.GivenName, patient.FamilyName));
        Assert.Equal(new DateOnly(1985, 3, 14), patient.BirthDate);
        Assert.Equal(AdministrativeGender.Unknown, patient.Gender);
        Assert.EndsWith("@example.com", patient.Email, StringComparison.Ordinal);
        Assert.Contains("555", patient.Phone, StringComparison.Ordinal);
        Assert.Equal(["100 Example Street"], patient.Address!.Lines);
        Assert.Equal(("Testville", "CA", "00000", "US"), (patient.Address.City, patient.Address.Region, patient.Address.PostalCode, patient.Address.Country));
        Assert.Equal(TestData.Jurisdiction, patient.Jurisdiction);
    }

    [Fact]
    public void Patient_EachBuildOfANewBuilder_HasItsOwnId()
    {
        Assert.NotEqual(TestData.Patient().Build().Id, TestData.Patient().Build().Id);

        var builder = TestData.Patient();
        Assert.Equal(builder.Build().Id, builder.Build().Id);
    }

    [Fact]
    public void Patient_Settings_AreApplied()
    {
        var id = Id<Patient>.New();
        var patient = TestData.Patient()
            .WithId(id)
            .InTenant(TestData.OtherTenantId)
            .Named("Ada", "Testcase")
            .Aged(40)
            .WithGender(AdministrativeGender.Female)
            .WithContact(null, null)
            .InJurisdiction("us-ny")
            .WithVersion(2)
            .Build();

        Assert.Equal(id, patient.Id);
        Assert.Equal(TestData.OtherTenantId, patient.TenantId);
        Assert.Equal(("Ada", "Testcase"), (patient.GivenName, patient.FamilyName));
        Assert.Equal(new DateOnly(1986, 1, 5), patient.BirthDate);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        Assert.Null(patient.Email);
        Assert.Null(patient.Phone);
        Assert.Equal("US-NY", patient.Jurisdiction.Code);
        Assert.Equal(("NY", "US"), (patient.Address!.Region, patient.Address.Country));
        Assert.Equal(2, patient.Version);
    }

    [Fact]
    public void Patient_AddressSetOrCountryJurisdiction_IsKept()
    {
        var address = new PostalAddress(["1 Other Road"], "Elsewhere", null, null, "GB");

        Assert.Same(address, TestData.Patient().WithAddress(address).InJurisdiction("GB").Build().Address);
        Assert.Null(TestData.Patient().WithAddress(null).Build().Address);
        Assert.Null(TestData.Patient().InJurisdiction("GB").Build().Address!.Region);
        Assert.Equal(new DateOnly(1990, 2, 3), TestData.Patient().BornOn(new DateOnly(1990, 2, 3)).Build().BirthDate);
    }

    [Fact]
    public void Patient_BadSettings_Throw()
    {
        Assert.Throws<ArgumentException>(() => TestData.Patient().WithId(default));
        Assert.Throws<ArgumentException>(() => TestData.Patient().InTenant(default(TenantId)));
        Assert.Throws<ArgumentException>(() => TestData.Patient().Named(" ", "X"));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Patient().Aged(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TestData.Patient().Aged(131));
        Assert.Throws<FormatException>(() => TestData.Patient().InJurisdiction("California"));
        Assert.Throws<ArgumentException>(() => TestData.Patient().InJurisdiction(default(Jurisdiction)));
    }

    [Fact]
    public void Practitioner_Defaults_AreLicensedInTheDefaultJurisdiction()
    {
        var practitioner = TestData.Practitioner().Build();

        Assert.Equal("Dr. Test Clinician", practitioner.DisplayName);
        var licence = Assert.Single(practitioner.Licences);
        Assert.Equal(TestData.Jurisdiction, licence.Jurisdiction);
        Assert.Equal(TestClock.StartDate.AddYears(-1), licence.IssuedOn);
        Assert.Equal(TestClock.StartDate.AddYears(2), licence.ExpiresOn);
        Assert.Equal("TEST-US-CA-0001", licence.Number);
        Assert.True(practitioner.IsLicensedIn(TestData.Jurisdiction, TestClock.Start));
        Assert.Empty(practitioner.Specialties);
        Assert.Null(practitioner.Dea);
        Assert.Null(practitioner.Npi);
        Assert.True(practitioner.Active);
    }

    [Fact]
    public void Practitioner_Licences_ReplaceTheDefaultAndKeepTheirDates()
    {
        var practitioner = TestData.Practitioner()
            .Named("Dr. Test Dermatologist")
            .WithNpi("0000000000")
            .LicensedIn("US-NY", new DateOnly(2025, 2, 1), new DateOnly(2027, 1, 31))
            .WithExpiredLicenceIn("US-TX")
            .WithSpecialty("dermatology")
            .WithSpecialty("telehealth")
            .WithDea()
            .Inactive()
            .Build();

        Assert.Equal("Dr. Test Dermatologist", practitioner.DisplayName);
        Assert.Equal("0000000000", practitioner.Npi);
        Assert.Equal(["US-NY", "US-TX"], practitioner.Licences.Select(l => l.Jurisdiction.Code));
        Assert.Equal(["TEST-US-NY-0001", "TEST-US-TX-0002"], practitioner.Licences.Select(l => l.Number));
        Assert.Equal((new DateOnly(2025, 2, 1), new DateOnly(2027, 1, 31)), (practitioner.Licences[0].IssuedOn, practitioner.Licences[0].ExpiresOn));
        Assert.Equal(TestClock.StartDate.AddDays(-1), practitioner.Licences[1].ExpiresOn);
        Assert.False(practitioner.IsLicensedIn(TestData.Jurisdiction, TestClock.Start));
        Assert.False(practitioner.IsLicensedIn(Jurisdiction.Parse("US-TX"), TestClock.Start));
        Assert.True(practitioner.IsLicensedIn(Jurisdiction.Parse("US-NY"), TestClock.Start));
        Assert.Equal(["dermatology", "telehealth"], practitioner.Specialties);
        Assert.Equal(new DeaRegistration(PractitionerBuilder.FakeDeaNumber, TestClock.StartDate.AddYears(2)), practitioner.Dea);
        Assert.True(practitioner.CanPrescribeControlledSubstances(Jurisdiction.Parse("US-NY"), TestClock.Start));
        Assert.False(practitioner.Active);
    }

    [Fact]
    public void Practitioner_WithoutLicences_HasNone()
    {
        Assert.Empty(TestData.Practitioner().WithoutLicences().Build().Licences);
        Assert.Single(TestData.Practitioner().WithoutLicences().LicensedIn("US-WA").Build().Licences);
        var own = new PractitionerLicence(Jurisdiction.Parse("US-OR"), "OR-1", TestClock.StartDate, TestClock.StartDate);
        Assert.Equal([own], TestData.Practitioner().AddLicence(own).Build().Licences);
    }

    [Fact]
    public void Practitioner_BadSettings_Throw()
    {
        Assert.Throws<ArgumentException>(() => TestData.Practitioner().LicensedIn("US-CA", new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 31)));
        Assert.Throws<FormatException>(() => TestData.Practitioner().LicensedIn("CAL"));
        Assert.Throws<ArgumentException>(() => TestData.Practitioner().WithSpecialty(""));
        Assert.Throws<ArgumentException>(() => TestData.Practitioner().WithDea(number: " "));
        Assert.Throws<ArgumentNullException>(() => TestData.Practitioner().AddLicence(null!));
    }

    [Fact]
    public void Practitioner_FakeDeaNumber_HasAValidCheckDigit()
    {
        // DEA check digit: (d1 + d3 + d5) + 2 * (d2 + d4 + d6), last digit equals d7.
        var digits = PractitionerBuilder.FakeDeaNumber[2..].Select(c => c - '0').ToArray();
        var sum = digits[0] + digits[2] + digits[4] + (2 * (digits[1] + digits[3] + digits[5]));

        Assert.Equal(sum % 10, digits[6]);
    }
}
