using Remedora.Access;

namespace Remedora.Samples.Quickstart;

/// <summary>
/// The quickstart, one step per method: a tenant, a patient, a licensed practitioner, a care team and a care case,
/// then the access policy's answer for a clinician on the care team and one who is not. It prints ids and decisions,
/// never a patient's details. Later steps (storage, intake, review, visit, prescription) are added as methods here.
/// </summary>
public sealed class QuickstartJourney(IAccessPolicy accessPolicy, CareTeamDirectory careTeams, TimeProvider timeProvider)
{
    /// <summary>Runs every step and prints what it did.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">A token to stop the journey.</param>
    /// <returns>A task that completes when the journey is done.</returns>
    public async Task RunAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync("Remedora quickstart");

        var tenant = CreateTenant();
        await output.WriteLineAsync($"1. Tenant        {tenant.Id} ({tenant.ServiceJurisdictions.Count} service jurisdiction)");

        var patient = RegisterPatient(tenant);
        await output.WriteLineAsync($"2. Patient       {patient.Id}");

        var clinician = OnboardClinician(tenant);
        var licence = clinician.Licences[0];
        await output.WriteLineAsync($"3. Practitioner  {clinician.Id} licensed in {licence.Jurisdiction} until {licence.ExpiresOn:yyyy-MM-dd}: {clinician.IsLicensedIn(patient.Jurisdiction, timeProvider.GetUtcNow())}");

        var careTeam = FormCareTeam(patient, clinician);
        await output.WriteLineAsync($"4. Care team     {careTeam.Id} with {careTeam.Members.Count} member");

        var careCase = OpenCareCase(patient, careTeam);
        await output.WriteLineAsync($"5. Care case     {careCase.Id} on path {careCase.PathName}, state {careCase.State}");

        var outsider = OnboardClinician(tenant);
        await output.WriteLineAsync("6. Access to the care case");
        foreach (var (label, practitioner) in new[] { ("on the care team", clinician), ("not on the team", outsider) })
        {
            var decision = await CheckAccessAsync(practitioner, careCase, cancellationToken);
            var outcome = decision.IsAllowed ? "allowed" : decision.HidesExistence ? "denied, answered as not found" : "denied";
            await output.WriteLineAsync($"   Clinician {practitioner.Id} ({label}): read {outcome} ({decision.Basis})");
        }
    }

    // #region first-case
    /// <summary>Creates the tenant: one brand or practice whose records are kept apart.</summary>
    /// <returns>The tenant.</returns>
    public Tenant CreateTenant() => new()
    {
        Id = TenantId.Parse("quickstart-clinic"),
        Name = "Quickstart Clinic",
        ServiceJurisdictions = [Jurisdiction.Parse("US-CA")],
        CreatedAt = timeProvider.GetUtcNow(),
    };

    /// <summary>Registers a patient. Names, birth date and contact details are PHI: they are never printed or logged.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The patient.</returns>
    public Patient RegisterPatient(Tenant tenant) => new()
    {
        Id = Id<Patient>.New(timeProvider),
        TenantId = tenant.Id,
        GivenName = "Sample",
        FamilyName = "Patient",
        BirthDate = new DateOnly(1990, 4, 1),
        Email = "sample.patient@example.com",
        Jurisdiction = Jurisdiction.Parse("US-CA"),
    };

    /// <summary>Onboards a clinician licensed in California for two years.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The practitioner.</returns>
    public Practitioner OnboardClinician(Tenant tenant)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        return new Practitioner
        {
            Id = Id<Practitioner>.New(timeProvider),
            TenantId = tenant.Id,
            DisplayName = "Dr. Sample Clinician",
            Licences = [new PractitionerLicence(Jurisdiction.Parse("US-CA"), "CA-A123456", today.AddYears(-1), today.AddYears(2))],
            Specialties = ["dermatology"],
        };
    }

    /// <summary>Puts the clinician on the patient's care team, which brings the patient's records into their scope.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="clinician">The clinician.</param>
    /// <returns>The care team.</returns>
    public CareTeam FormCareTeam(Patient patient, Practitioner clinician)
    {
        var team = new CareTeam
        {
            Id = Id<CareTeam>.New(timeProvider),
            TenantId = patient.TenantId,
            PatientId = patient.Id,
            Name = "Dermatology",
            Members = [new CareTeamMember(clinician.Id, "primary")],
        };
        careTeams.Add(team);
        return team;
    }

    /// <summary>Opens a care case: one episode of care for the patient, starting on the asynchronous path.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="careTeam">The team responsible for the case.</param>
    /// <returns>The case.</returns>
    public CareCase OpenCareCase(Patient patient, CareTeam careTeam) => new()
    {
        Id = Id<CareCase>.New(timeProvider),
        TenantId = patient.TenantId,
        PatientId = patient.Id,
        PathName = "async-consult",
        State = "submitted",
        CareTeamId = careTeam.Id,
        OpenedAt = timeProvider.GetUtcNow(),
    };

    /// <summary>Asks the access policy whether a clinician may read the case.</summary>
    /// <param name="clinician">The clinician.</param>
    /// <param name="careCase">The case.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The decision.</returns>
    public ValueTask<AccessDecision> CheckAccessAsync(Practitioner clinician, CareCase careCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinician);
        ArgumentNullException.ThrowIfNull(careCase);
        var actor = ActorContext.ForClinician(clinician.TenantId, clinician.Id);
        var request = new AccessRequest(actor, AccessAction.Read, ResourceTypes.CareCase, careCase.TenantId, careCase.PatientId, careCase.Id.ToString());
        return accessPolicy.EvaluateAsync(request, cancellationToken);
    }
    // #endregion first-case
}
