using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Access;

public class DefaultAccessPolicyTests
{
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly FakeCareRelationships _relationships = new();
    private readonly Patient _patient = TestData.Patient().Build();
    private readonly Practitioner _clinician = TestData.Practitioner().Build();

    public DefaultAccessPolicyTests() => _relationships.AddPractitioner(_clinician);

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNullException()
    {
        var options = Options.Create(new RemedoraOptions());

        Assert.Throws<ArgumentNullException>(() => new DefaultAccessPolicy(null!, _clock, options));
        Assert.Throws<ArgumentNullException>(() => new DefaultAccessPolicy(_relationships, null!, options));
        Assert.Throws<ArgumentNullException>(() => new DefaultAccessPolicy(_relationships, _clock, null!));
    }

    [Fact]
    public async Task EvaluateAsync_NullRequest_ThrowsArgumentNullException()
        => await Assert.ThrowsAsync<ArgumentNullException>(async () => await Policy().EvaluateAsync(null!));

    [Theory]
    [InlineData(30, 30, true)]
    [InlineData(30, 31, false)]
    [InlineData(5, 5, true)]
    [InlineData(5, 6, false)]
    public async Task EvaluateAsync_BreakGlass_LastsTheConfiguredDuration(int durationMinutes, int elapsedMinutes, bool allowed)
    {
        var actor = Clinician().WithBreakGlass("Unresponsive patient", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(elapsedMinutes));

        var decision = await Policy(TimeSpan.FromMinutes(durationMinutes)).EvaluateAsync(Read(actor));

        Assert.Equal(allowed, decision.IsAllowed);
        Assert.Equal(allowed ? AccessBasis.BreakGlass : AccessBasis.BreakGlassExpired, decision.Basis);
        Assert.Equal(allowed, decision.IsBreakGlass);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(59)]
    [InlineData(60 * 24 * 365 * 100)]
    public async Task EvaluateAsync_BreakGlassStartingInTheFuture_IsNotInForce(int minutesAhead)
    {
        var actor = Clinician().WithBreakGlass("Unresponsive patient", _clock.GetUtcNow().AddMinutes(minutesAhead));

        var decision = await Policy().EvaluateAsync(Read(actor));

        Assert.False(decision.IsAllowed);
        Assert.Equal(AccessBasis.BreakGlassExpired, decision.Basis);
        Assert.True(decision.HidesExistence);
    }

    [Fact]
    public async Task EvaluateAsync_BreakGlassAtTheLatestInstant_StillCannotLastForever()
    {
        var actor = Clinician().WithBreakGlass("Unresponsive patient", DateTimeOffset.MaxValue);

        var decision = await Policy().EvaluateAsync(Read(actor));

        Assert.Equal(AccessBasis.BreakGlassExpired, decision.Basis);
    }

    [Fact]
    public async Task EvaluateAsync_BreakGlassWithRelationship_UsesTheRelationshipAndIsNotFlagged()
    {
        _relationships.AddCareTeamMember(_patient, _clinician);
        var actor = Clinician().WithBreakGlass("Unresponsive patient", _clock.GetUtcNow());

        var decision = await Policy().EvaluateAsync(Read(actor));

        Assert.True(decision.IsAllowed);
        Assert.Equal(AccessBasis.CareTeamMember, decision.Basis);
        Assert.False(decision.IsBreakGlass);
    }

    [Fact]
    public async Task EvaluateAsync_CareTeamMemberOfAnotherPatient_IsOutOfScope()
    {
        var otherPatient = TestData.Patient().Build();
        _relationships.AddCareTeamMember(otherPatient, _clinician);

        var decision = await Policy().EvaluateAsync(Read(Clinician()));

        Assert.Equal(AccessBasis.NoRelationship, decision.Basis);
        Assert.True(decision.HidesExistence);
    }

    [Fact]
    public async Task EvaluateAsync_RelationshipRemoved_IsOutOfScopeAgain()
    {
        _relationships.AddCareTeamMember(_patient, _clinician);
        var policy = Policy();
        Assert.True((await policy.EvaluateAsync(Read(Clinician()))).IsAllowed);

        _relationships.RemoveCareTeamMember(_patient.TenantId, _clinician.Id, _patient.Id);

        Assert.Equal(AccessBasis.NoRelationship, (await policy.EvaluateAsync(Read(Clinician()))).Basis);
    }

    [Fact]
    public async Task EvaluateAsync_OtherTenant_DoesNotAskAboutRelationships()
    {
        var request = Read(Clinician()) with { TenantId = TestData.OtherTenantId };

        var decision = await Policy().EvaluateAsync(request);

        Assert.Equal(AccessBasis.OtherTenant, decision.Basis);
        Assert.Equal(0, _relationships.LookupCount);
    }

    [Fact]
    public async Task EvaluateAsync_Canceled_PropagatesCancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await Policy().EvaluateAsync(Read(Clinician()), cts.Token));
    }

    [Fact]
    public async Task EvaluateAsync_ManyThreadsAtOnce_GiveTheSameDecisions()
    {
        _relationships.AddCareTeamMember(_patient, _clinician);
        var policy = Policy();
        var outsider = TestData.Practitioner().Build();
        const int PerThread = 500;

        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var allowed = 0;
            for (var n = 0; n < PerThread; n++)
            {
                var actor = i % 2 == 0 ? Clinician() : ActorContext.ForClinician(TestData.TenantId, outsider.Id);
                allowed += (await policy.EvaluateAsync(Read(actor))).IsAllowed ? 1 : 0;
            }

            return (Even: i % 2 == 0, Allowed: allowed);
        })).ToArray();
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(r.Even ? PerThread : 0, r.Allowed));
    }

    [Fact]
    public async Task EvaluateAsync_PractitionerDeactivated_IsNotTenantMemberDespiteCareTeam()
    {
        _relationships.AddCareTeamMember(_patient, _clinician);
        var policy = Policy();
        Assert.Equal(AccessBasis.CareTeamMember, (await policy.EvaluateAsync(Read(Clinician()))).Basis);

        _relationships.AddPractitioner(_clinician with { Active = false });
        var decision = await policy.EvaluateAsync(Read(Clinician()));

        Assert.Equal(AccessBasis.NotTenantMember, decision.Basis);
        Assert.True(decision.HidesExistence);
        Assert.IsType<RecordNotFoundException>(decision.ToException(Read(Clinician())));
    }

    [Fact]
    public async Task EvaluateAsync_RecentlyCompletedWork_AsksFromNowMinusTheConfiguredWindow()
    {
        var relationships = new RecordingRelationships();
        var policy = new DefaultAccessPolicy(relationships, _clock, Options.Create(new RemedoraOptions { CompletedWorkAccessWindow = TimeSpan.FromHours(6) }));

        var decision = await policy.EvaluateAsync(Read(Clinician()));

        Assert.Equal(AccessBasis.RecentlyCompletedWork, decision.Basis);
        Assert.True(decision.IsAllowed);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromHours(6), relationships.CompletedSince);
    }

    [Fact]
    public async Task EvaluateAsync_CompletedWorkWindowZero_DoesNotCount()
    {
        var relationships = new RecordingRelationships();
        var policy = new DefaultAccessPolicy(relationships, _clock, Options.Create(new RemedoraOptions { CompletedWorkAccessWindow = TimeSpan.Zero }));

        var decision = await policy.EvaluateAsync(Read(Clinician()));

        Assert.Equal(AccessBasis.NoRelationship, decision.Basis);
        Assert.Null(relationships.CompletedSince);
    }

    [Fact]
    public async Task EvaluateAsync_AdministratorAndSystem_AreNotAskedAboutMembership()
    {
        var policy = Policy();
        var admin = ActorContext.ForAdministrator(TestData.TenantId, "admin-7", PurposeOfUse.Operations);
        var system = ActorContext.ForSystem(TestData.TenantId, "sla-sweep");

        Assert.Equal(AccessBasis.AdministrativePurpose, (await policy.EvaluateAsync(Read(admin))).Basis);
        Assert.Equal(AccessBasis.System, (await policy.EvaluateAsync(Read(system))).Basis);
        Assert.Equal(0, _relationships.LookupCount);
    }

    private DefaultAccessPolicy Policy(TimeSpan? breakGlassDuration = null)
        => new(_relationships, _clock, Options.Create(new RemedoraOptions { BreakGlassDuration = breakGlassDuration ?? TimeSpan.FromHours(1) }));

    private ActorContext Clinician() => ActorContext.ForClinician(TestData.TenantId, _clinician.Id);

    private AccessRequest Read(ActorContext actor)
        => new(actor, AccessAction.Read, ResourceTypes.Patient, _patient.TenantId, _patient.Id, _patient.Id.ToString());

    /// <summary>Answers "member, no care team, no held work, completed work" and records the window it was asked about.</summary>
    private sealed class RecordingRelationships : ICareRelationships
    {
        public DateTimeOffset? CompletedSince { get; private set; }

        public ValueTask<bool> IsActiveTenantMemberAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default) => ValueTask.FromResult(true);

        public ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

        public ValueTask<bool> CompletedWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, DateTimeOffset completedSince, CancellationToken cancellationToken = default)
        {
            CompletedSince = completedSince;
            return ValueTask.FromResult(true);
        }
    }
}
