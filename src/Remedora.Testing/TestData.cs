namespace Remedora.Testing;

/// <summary>
/// The entry point to the test-data builders. Every builder starts from sensible defaults that are obviously fake
/// (names such as <c>Testy Fakepatient</c>, <c>example.com</c> addresses, <c>555</c> phone numbers), so a test sets
/// only what it is about.
/// </summary>
/// <example>
/// <code>
/// var patient = TestData.Patient().InJurisdiction("US-NY").Build();
/// var clinician = TestData.Practitioner().LicensedIn("US-NY").WithSpecialty("dermatology").Build();
/// var team = TestData.CareTeam().For(patient).WithMember(clinician).Build();
/// var careCase = TestData.CareCase().For(patient).WithCareTeam(team).Build();
/// </code>
/// </example>
public static class TestData
{
    /// <summary>Gets the tenant every builder uses unless told otherwise.</summary>
    /// <value><c>test-tenant</c>.</value>
    public static TenantId TenantId { get; } = TenantId.Parse("test-tenant");

    /// <summary>Gets a second tenant, for tests that need records of another tenant.</summary>
    /// <value><c>other-test-tenant</c>.</value>
    public static TenantId OtherTenantId { get; } = TenantId.Parse("other-test-tenant");

    /// <summary>Gets the jurisdiction patients live in and practitioners are licensed in unless told otherwise.</summary>
    /// <value><c>US-CA</c>.</value>
    public static Jurisdiction Jurisdiction { get; } = Jurisdiction.Parse("US-CA");

    /// <summary>Starts a tenant.</summary>
    /// <returns>A builder of <see cref="TestData.TenantId"/>, named <c>Test Tenant</c>, serving in <see cref="Jurisdiction"/>.</returns>
    public static TenantBuilder Tenant() => new();

    /// <summary>Starts a patient.</summary>
    /// <returns>A builder of a patient named <c>Testy Fakepatient</c>, born 1985-03-14, living in <see cref="Jurisdiction"/>.</returns>
    public static PatientBuilder Patient() => new();

    /// <summary>Starts a practitioner.</summary>
    /// <returns>A builder of <c>Dr. Test Clinician</c>, licensed in <see cref="Jurisdiction"/> from a year before <see cref="TestClock.Start"/> to two years after it.</returns>
    public static PractitionerBuilder Practitioner() => new();

    /// <summary>Starts a care team.</summary>
    /// <returns>A builder of a team named <c>Test Care Team</c> without members.</returns>
    public static CareTeamBuilder CareTeam() => new();

    /// <summary>Starts a care case.</summary>
    /// <returns>A builder of an open case on path <c>async-consult</c> in state <c>submitted</c>, opened at <see cref="TestClock.Start"/>.</returns>
    public static CareCaseBuilder CareCase() => new();

    /// <summary>Starts an encounter.</summary>
    /// <returns>A builder of a planned asynchronous encounter.</returns>
    public static EncounterBuilder Encounter() => new();

    /// <summary>Starts a work item.</summary>
    /// <returns>A builder of a routine, unclaimed <see cref="WorkItemKind.ReviewIntake"/> item created at <see cref="TestClock.Start"/> and due a day later.</returns>
    public static WorkItemBuilder WorkItem() => new();
}
