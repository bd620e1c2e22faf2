using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Access;

/// <summary>
/// The access matrix of <see cref="DefaultAccessPolicy"/>: every role x resource kind x action, in every situation
/// that changes the answer. The expectations are the tables below, written from the access rules in
/// ARCHITECTURE.md and the issue, not from the policy's code.
/// </summary>
public class AccessMatrixTests
{
    /// <summary>
    /// What each role may do to patient data once it is in scope ("Y"), and what it may never do ("-").
    /// </summary>
    private const string RoleActionsTable = """
        role             Read  Search  Create  Update  Delete  Export  Print  Disclose
        Patient          Y     Y       Y       Y       -       Y       Y      -
        Clinician        Y     Y       Y       Y       -       Y       Y      Y
        CareCoordinator  Y     Y       Y       Y       -       -       Y      -
        Pharmacist       Y     Y       Y       Y       -       -       -      -
        Administrator    Y     Y       Y       Y       Y       Y       Y      Y
        System           Y     Y       Y       Y       Y       Y       Y      Y
        """;

    /// <summary>
    /// Whether a situation brings a patient's data into the actor's scope, and the basis the decision reports.
    /// In scope: the action is then allowed when <see cref="RoleActionsTable"/> says so, and denied as
    /// <see cref="AccessBasis.ActionNotPermitted"/> (visible, "forbidden") otherwise.
    /// Out of scope: every action is denied with the basis given, hiding the record's existence ("not found").
    /// </summary>
    private const string PatientDataScopeTable = """
        situation                   roles                                  scope  basis                  breakGlass
        OwnRecord                   Patient                                in     OwnRecord              no
        OtherPatientsRecord         Patient                                out    NoRelationship         no
        PatientWithBreakGlass       Patient                                out    NoRelationship         no
        CareTeamMember              Clinician,CareCoordinator,Pharmacist   in     CareTeamMember         no
        HoldsWorkItem               Clinician,CareCoordinator,Pharmacist   in     HoldsWorkItem          no
        RecentlyCompletedWork       Clinician,CareCoordinator,Pharmacist   in     RecentlyCompletedWork  no
        NoRelationship              Clinician,CareCoordinator,Pharmacist   out    NoRelationship         no
        BreakGlassValid             Clinician,CareCoordinator,Pharmacist   in     BreakGlass             yes
        BreakGlassExpired           Clinician,CareCoordinator,Pharmacist   out    BreakGlassExpired      no
        AdministratorWithPurpose    Administrator                          in     AdministrativePurpose  no
        AdministratorNoPurpose      Administrator                          out    PurposeRequired        no
        SystemComponent             System                                 in     System                 no
        OtherTenant                 *                                      out    OtherTenant            no
        InactiveMember              Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        InactiveMemberBreakGlass    Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        OtherTenantsStaff           Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        OtherTenantsStaffBreakGlass Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        UnknownStaff                Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        UnknownStaffBreakGlass      Clinician,CareCoordinator,Pharmacist   out    NotTenantMember        no
        """;

    /// <summary>
    /// Records that are not patient data (practitioners, the tenant): every member of the tenant reads and searches
    /// them; writes, exports and disclosures are for administrators with a purpose and the system. Staff whose
    /// practitioner is not an active member of the tenant (inactive, another tenant's, unknown) reach nothing, even
    /// with break-glass.
    /// </summary>
    private const string NonPatientDataTable = """
        situation                   roles                                          read/search          other actions
        Member                      Patient,Clinician,CareCoordinator,Pharmacist   TenantMember         ActionNotPermitted
        AdministratorWithPurpose    Administrator                                  TenantMember         AdministrativePurpose
        AdministratorNoPurpose      Administrator                                  TenantMember         PurposeRequired
        SystemComponent             System                                         TenantMember         System
        OtherTenant                 *                                              OtherTenant          OtherTenant
        InactiveMember              Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        InactiveMemberBreakGlass    Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        OtherTenantsStaff           Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        OtherTenantsStaffBreakGlass Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        UnknownStaff                Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        UnknownStaffBreakGlass      Clinician,CareCoordinator,Pharmacist           NotTenantMember      NotTenantMember
        """;

    private static readonly string[] PatientDataResources =
        [ResourceTypes.Patient, ResourceTypes.CareCase, ResourceTypes.Encounter, ResourceTypes.WorkItem, ResourceTypes.CareTeam];

    private static readonly string[] NonPatientDataResources = [ResourceTypes.Practitioner, ResourceTypes.Tenant];

    private static readonly AccessBasis[] AllowingBases =
        [AccessBasis.OwnRecord, AccessBasis.CareTeamMember, AccessBasis.HoldsWorkItem, AccessBasis.RecentlyCompletedWork, AccessBasis.AdministrativePurpose, AccessBasis.System, AccessBasis.BreakGlass, AccessBasis.TenantMember];

    public static TheoryData<ActorRole, string, string, AccessAction> PatientDataCases() => Cases(PatientDataScopeTable, PatientDataResources);

    public static TheoryData<ActorRole, string, string, AccessAction> NonPatientDataCases() => Cases(NonPatientDataTable, NonPatientDataResources);

    [Theory]
    [MemberData(nameof(PatientDataCases))]
    public async Task EvaluateAsync_PatientData_MatchesTheMatrix(ActorRole role, string situation, string resource, AccessAction action)
    {
        var row = Rows(PatientDataScopeTable).Single(r => r[0] == situation);
        var inScope = row[2] == "in";
        var basis = Enum.Parse<AccessBasis>(row[3]);
        var permitted = RoleMayDo(role, action);
        var expectedAllowed = inScope && permitted;
        var expectedBasis = inScope && !permitted ? AccessBasis.ActionNotPermitted : basis;
        var expectedBreakGlass = expectedAllowed && row[4] == "yes";

        var world = new World();
        var request = world.PatientDataRequest(role, situation, resource, action);
        var decision = await world.Policy.EvaluateAsync(request);

        AssertDecision(decision, request, expectedAllowed, expectedBasis, expectedBreakGlass);
    }

    [Theory]
    [MemberData(nameof(NonPatientDataCases))]
    public async Task EvaluateAsync_NonPatientData_MatchesTheMatrix(ActorRole role, string situation, string resource, AccessAction action)
    {
        var row = Rows(NonPatientDataTable).Single(r => r[0] == situation);
        var expectedBasis = Enum.Parse<AccessBasis>(action is AccessAction.Read or AccessAction.Search ? row[2] : row[3]);
        var expectedAllowed = AllowingBases.Contains(expectedBasis);

        var world = new World();
        var request = world.NonPatientDataRequest(role, situation, resource, action);
        var decision = await world.Policy.EvaluateAsync(request);

        AssertDecision(decision, request, expectedAllowed, expectedBasis, expectedBreakGlass: false);
    }

    [Fact]
    public void Matrix_CoversEveryRoleInEverySituationKind()
    {
        var patientDataRoles = Rows(PatientDataScopeTable).Where(r => r[1] != "*").SelectMany(r => Roles(r[1])).ToHashSet();
        var nonPatientDataRoles = Rows(NonPatientDataTable).Where(r => r[1] != "*").SelectMany(r => Roles(r[1])).ToHashSet();

        Assert.Equal(Enum.GetValues<ActorRole>().ToHashSet(), patientDataRoles);
        Assert.Equal(Enum.GetValues<ActorRole>().ToHashSet(), nonPatientDataRoles);
        Assert.Equal(Enum.GetValues<AccessAction>().Select(a => a.ToString()), Rows(RoleActionsTable, skipHeader: false)[0].Skip(1));
    }

    [Theory]
    [InlineData(ActorRole.Patient)]
    [InlineData(ActorRole.Clinician)]
    [InlineData(ActorRole.CareCoordinator)]
    [InlineData(ActorRole.Pharmacist)]
    [InlineData(ActorRole.Administrator)]
    [InlineData(ActorRole.System)]
    public void RoleActions_EveryRole_MatchesTheTable(ActorRole role)
    {
        var expected = Enum.GetValues<AccessAction>().Where(a => RoleMayDo(role, a)).ToHashSet();

        Assert.Equal(expected, DefaultAccessPolicy.RoleActions(role).ToHashSet());
    }

    [Fact]
    public void RoleActions_UnknownRole_IsEmpty()
        => Assert.Empty(DefaultAccessPolicy.RoleActions((ActorRole)99));

    /// <summary>Every (role, situation) of a table, for every resource kind and every action.</summary>
    private static TheoryData<ActorRole, string, string, AccessAction> Cases(string table, string[] resources)
    {
        var data = new TheoryData<ActorRole, string, string, AccessAction>();
        foreach (var row in Rows(table))
        {
            foreach (var role in Roles(row[1]))
            {
                foreach (var resource in resources)
                {
                    foreach (var action in Enum.GetValues<AccessAction>())
                    {
                        data.Add(role, row[0], resource, action);
                    }
                }
            }
        }

        return data;
    }

    private static void AssertDecision(AccessDecision decision, AccessRequest request, bool expectedAllowed, AccessBasis expectedBasis, bool expectedBreakGlass)
    {
        Assert.Equal(expectedAllowed, decision.IsAllowed);
        Assert.Equal(expectedBasis, decision.Basis);
        Assert.Equal(expectedBreakGlass, decision.IsBreakGlass);

        // Out-of-scope denials look like "not found"; a denied action on a visible record is "forbidden".
        var hides = !expectedAllowed && expectedBasis != AccessBasis.ActionNotPermitted;
        Assert.Equal(hides, decision.HidesExistence);
        if (expectedAllowed)
        {
            Assert.Throws<InvalidOperationException>(() => decision.ToException(request));
        }
        else if (hides)
        {
            var notFound = Assert.IsType<RecordNotFoundException>(decision.ToException(request));
            Assert.Equal(request.ResourceType, notFound.ResourceType);
            Assert.Equal(request.ResourceId, notFound.ResourceId);
            Assert.Equal(RemedoraErrorCodes.NotFound, notFound.Code);
        }
        else
        {
            var denied = Assert.IsType<AccessDeniedException>(decision.ToException(request));
            Assert.Equal(request.ResourceType, denied.ResourceType);
            Assert.Equal(request.Action.ToString().ToLowerInvariant(), denied.Action);
            Assert.Equal(request.Actor.Role, denied.Role);
            Assert.Equal(RemedoraErrorCodes.AccessDenied, denied.Code);
        }
    }

    private static bool RoleMayDo(ActorRole role, AccessAction action)
    {
        var table = Rows(RoleActionsTable, skipHeader: false);
        var column = Array.IndexOf(table[0], action.ToString());
        return table.Single(r => r[0] == role.ToString())[column] == "Y";
    }

    private static List<string[]> Rows(string table, bool skipHeader = true)
        => table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(skipHeader ? 1 : 0)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToList();

    private static IEnumerable<ActorRole> Roles(string cell)
        => cell == "*" ? Enum.GetValues<ActorRole>() : cell.Split(',').Select(Enum.Parse<ActorRole>);

    /// <summary>One tenant with a patient, another patient and a practitioner; the relationships a situation needs.</summary>
    private sealed class World
    {
        private readonly Patient _patient = TestData.Patient().Build();
        private readonly Patient _otherPatient = TestData.Patient().Named("Other", "Fakepatient").Build();
        private readonly Practitioner _practitioner = TestData.Practitioner().Build();
        private readonly FakeCareRelationships _relationships = new();
        private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = TestClock.Create();
        private readonly RemedoraOptions _options = new();

        public World()
        {
            Policy = new DefaultAccessPolicy(_relationships, _clock, Options.Create(_options));
            _relationships.AddPractitioner(_practitioner);
        }

        public DefaultAccessPolicy Policy { get; }

        public AccessRequest PatientDataRequest(ActorRole role, string situation, string resource, AccessAction action)
        {
            var actor = Actor(role, situation);
            switch (situation)
            {
                case "CareTeamMember":
                    _relationships.AddCareTeamMember(_patient, _practitioner);
                    break;
                case "HoldsWorkItem":
                    _relationships.AddHeldWorkItem(_patient, _practitioner);
                    break;
                case "RecentlyCompletedWork":
                    _relationships.AddCompletedWorkItem(TestData.TenantId, _practitioner.Id, _patient.Id);
                    break;
                case "BreakGlassValid":
                    actor = actor.WithBreakGlass("Patient unresponsive during a video visit", _clock.GetUtcNow());
                    _clock.Advance(_options.BreakGlassDuration);
                    break;
                case "BreakGlassExpired":
                    actor = actor.WithBreakGlass("Patient unresponsive during a video visit", _clock.GetUtcNow());
                    _clock.Advance(_options.BreakGlassDuration + TimeSpan.FromTicks(1));
                    break;
                case "PatientWithBreakGlass":
                    actor = actor.WithBreakGlass("I need my sibling's records", _clock.GetUtcNow());
                    break;
            }

            // Relationships that exist but do not count: the patient's own relationships with another patient's
            // record, and in another tenant a care-team membership the actor would have in this one.
            if (situation is "OtherTenant" or "OtherPatientsRecord" or "PatientWithBreakGlass")
            {
                _relationships.AddCareTeamMember(_patient, _practitioner).AddHeldWorkItem(_patient, _practitioner);
            }

            actor = ApplyMembership(situation, actor);

            var recordTenant = situation == "OtherTenant" ? TestData.OtherTenantId : TestData.TenantId;
            var recordPatient = situation is "OtherPatientsRecord" or "PatientWithBreakGlass" ? _otherPatient.Id : _patient.Id;
            return new AccessRequest(actor, action, resource, recordTenant, recordPatient, Id<CareCase>.New().ToString());
        }

        public AccessRequest NonPatientDataRequest(ActorRole role, string situation, string resource, AccessAction action)
        {
            var actor = ApplyMembership(situation, Actor(role, situation));
            var recordTenant = situation == "OtherTenant" ? TestData.OtherTenantId : TestData.TenantId;
            var resourceId = resource == ResourceTypes.Tenant ? recordTenant.ToString() : _practitioner.Id.ToString();
            return new AccessRequest(actor, action, resource, recordTenant, null, resourceId);
        }

        /// <summary>
        /// The membership situations: the practitioner's record is inactive, belongs to another tenant, or does not
        /// exist, while every relationship that would otherwise grant access (care team, held and completed work) is
        /// in place; the break-glass variants add a grant in force.
        /// </summary>
        private ActorContext ApplyMembership(string situation, ActorContext actor)
        {
            var breakGlass = situation.EndsWith("BreakGlass", StringComparison.Ordinal) && situation != "PatientWithBreakGlass";
            switch (situation.Replace("BreakGlass", string.Empty, StringComparison.Ordinal))
            {
                case "InactiveMember":
                    _relationships.AddPractitioner(_practitioner with { Active = false });
                    break;
                case "OtherTenantsStaff":
                    _relationships.RemoveTenantMember(TestData.TenantId, _practitioner.Id).AddPractitioner(_practitioner with { TenantId = TestData.OtherTenantId });
                    break;
                case "UnknownStaff":
                    _relationships.RemoveTenantMember(TestData.TenantId, _practitioner.Id);
                    break;
                default:
                    return actor;
            }

            _relationships.AddCareTeamMember(TestData.TenantId, _practitioner.Id, _patient.Id)
                .AddHeldWorkItem(TestData.TenantId, _practitioner.Id, _patient.Id)
                .AddCompletedWorkItem(TestData.TenantId, _practitioner.Id, _patient.Id);
            return breakGlass ? actor.WithBreakGlass("Patient unresponsive during a video visit", _clock.GetUtcNow()) : actor;
        }

        private ActorContext Actor(ActorRole role, string situation) => role switch
        {
            ActorRole.Patient => ActorContext.ForPatient(TestData.TenantId, _patient.Id),
            ActorRole.Clinician => ActorContext.ForClinician(TestData.TenantId, _practitioner.Id),
            ActorRole.CareCoordinator => ActorContext.ForCareCoordinator(TestData.TenantId, _practitioner.Id),
            ActorRole.Pharmacist => ActorContext.ForPharmacist(TestData.TenantId, _practitioner.Id),
            ActorRole.Administrator => situation == "AdministratorNoPurpose"
                ? ActorContext.ForAdministrator(TestData.TenantId, "admin-7")
                : ActorContext.ForAdministrator(TestData.TenantId, "admin-7", PurposeOfUse.Operations),
            ActorRole.System => ActorContext.ForSystem(TestData.TenantId, "sla-sweep"),
            _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
        };
    }
}
