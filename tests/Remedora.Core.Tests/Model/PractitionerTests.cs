using Remedora.Testing;

namespace Remedora.Core.Tests.Model;

public class PractitionerTests
{
    private static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");
    private static readonly Jurisdiction NewYork = Jurisdiction.Parse("US-NY");

    private readonly Practitioner _practitioner = TestData.Practitioner()
        .LicensedIn("US-CA", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31))
        .LicensedIn("US-NY", new DateOnly(2026, 6, 1), new DateOnly(2027, 5, 31))
        .LicensedIn("US-CA", new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31))
        .WithSpecialty("Dermatology")
        .Build();

    [Theory]
    [InlineData("2024-12-31T12:00:00Z", false)]
    [InlineData("2025-01-01T00:00:00Z", true)]
    [InlineData("2026-12-31T23:59:59Z", true)]
    [InlineData("2027-01-01T00:00:00Z", true)]
    [InlineData("2028-12-31T23:59:59Z", true)]
    [InlineData("2029-01-01T00:00:00Z", false)]
    public void IsLicensedIn_ComparesLicenceDatesInclusively(string at, bool licensed)
        => Assert.Equal(licensed, _practitioner.IsLicensedIn(California, DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void IsLicensedIn_UsesTheUtcDate()
    {
        // 2026-05-31 20:00 in California is 2026-06-01 03:00 UTC, the first day of the New York licence; 16:00 is still 2026-05-31 in UTC.
        var eveningInCalifornia = new DateTimeOffset(2026, 5, 31, 20, 0, 0, TimeSpan.FromHours(-7));

        Assert.True(_practitioner.IsLicensedIn(NewYork, eveningInCalifornia));
        Assert.False(_practitioner.IsLicensedIn(NewYork, eveningInCalifornia.AddHours(-4)));
        Assert.False(_practitioner.IsLicensedIn(Jurisdiction.Parse("US-TX"), eveningInCalifornia));
    }

    [Fact]
    public void JurisdictionsLicensedAt_ListsEachValidJurisdictionOnce()
    {
        var practitioner = _practitioner with
        {
            Licences = [.. _practitioner.Licences, new PractitionerLicence(California, "dup", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31))],
        };

        Assert.Equal([California, NewYork], practitioner.JurisdictionsLicensedAt(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal([California], practitioner.JurisdictionsLicensedAt(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Empty(practitioner.JurisdictionsLicensedAt(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("dermatology", true)]
    [InlineData("DERMATOLOGY", true)]
    [InlineData("cardiology", false)]
    public void HasSpecialty_IgnoresCase(string specialty, bool expected)
        => Assert.Equal(expected, _practitioner.HasSpecialty(specialty));

    [Fact]
    public void CanPrescribeControlledSubstances_NeedsAValidDeaAndLicence()
    {
        var at = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var withDea = _practitioner with { Dea = new DeaRegistration("FT1234563", new DateOnly(2026, 7, 1)) };

        Assert.False(_practitioner.CanPrescribeControlledSubstances(California, at));
        Assert.True(withDea.CanPrescribeControlledSubstances(California, at));
        Assert.False(withDea.CanPrescribeControlledSubstances(Jurisdiction.Parse("US-TX"), at));
        Assert.False(withDea.CanPrescribeControlledSubstances(California, at.AddDays(1)));
    }

    [Fact]
    public void Licence_IsValidOn_IsInclusiveOfBothEnds()
    {
        var licence = new PractitionerLicence(California, "L-1", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 31));

        Assert.False(licence.IsValidOn(new DateOnly(2025, 12, 31)));
        Assert.True(licence.IsValidOn(new DateOnly(2026, 1, 1)));
        Assert.True(licence.IsValidOn(new DateOnly(2026, 1, 31)));
        Assert.False(licence.IsValidOn(new DateOnly(2026, 2, 1)));
    }
}
