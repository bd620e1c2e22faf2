using Microsoft.Extensions.Options;
using Remedora.Access;

namespace Remedora.Testing.Tests.Fakes;

public class FakeCareRelationshipsTests
{
    private readonly Patient _patient = TestData.Patient().Build();
    private readonly Practitioner _clinician = TestData.Practitioner().Build();
    private readonly FakeCareRelationships _fake = new();

    [Fact]
    public async Task New_AnswersNoToEverything()
    {
        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.False(await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.Equal(2, _fake.LookupCount);
    }

    [Fact]
    public async Task AddCareTeamMember_AnswersYesForThatPairOnly()
    {
        _fake.AddCareTeamMember(_patient, _clinician);

        Assert.True(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.False(await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.False(await _fake.IsOnCareTeamAsync(TestData.OtherTenantId, _clinician.Id, _patient.Id));
        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, Id<Practitioner>.New(), _patient.Id));
        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, Id<Patient>.New()));
    }

    [Fact]
    public async Task AddCareTeam_AddsEveryMember()
    {
        var consultant = TestData.Practitioner().Build();
        var team = TestData.CareTeam().For(_patient).WithMember(_clinician).WithMember(consultant, "consultant").Build();

        _fake.AddCareTeam(team);

        Assert.True(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.True(await _fake.IsOnCareTeamAsync(_patient.TenantId, consultant.Id, _patient.Id));
    }

    [Fact]
    public async Task AddHeldWorkItem_ClaimedItem_AnswersYesForItsHolder()
    {
        var item = TestData.WorkItem().For(_patient).ClaimedBy(_clinician).Build();

        _fake.AddHeldWorkItem(item);

        Assert.True(await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
    }

    [Fact]
    public void AddHeldWorkItem_UnclaimedItem_ThrowsArgumentException()
    {
        var ex = Assert.Throws<ArgumentException>(() => _fake.AddHeldWorkItem(TestData.WorkItem().For(_patient).Build()));

        Assert.StartsWith("The work item is not held by anyone; build it with ClaimedBy(practitioner).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_PractitionerOfAnotherTenant_ThrowsTenantMismatch()
    {
        var outsider = TestData.Practitioner().InTenant(TestData.OtherTenantId).Build();

        Assert.Throws<TenantMismatchException>(() => _fake.AddCareTeamMember(_patient, outsider));
        Assert.Throws<TenantMismatchException>(() => _fake.AddHeldWorkItem(_patient, outsider));
    }

    [Fact]
    public async Task RemoveAndClear_ForgetRelationships()
    {
        _fake.AddCareTeamMember(_patient, _clinician).AddHeldWorkItem(_patient, _clinician);
        _fake.RemoveCareTeamMember(_patient.TenantId, _clinician.Id, _patient.Id);

        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
        Assert.True(await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id));

        _fake.RemoveHeldWorkItem(_patient.TenantId, _clinician.Id, _patient.Id);
        Assert.False(await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id));

        _fake.AddCareTeamMember(_patient, _clinician).Clear();
        Assert.Equal(0, _fake.LookupCount);
        Assert.False(await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id));
    }

    [Fact]
    public async Task Lookups_Canceled_ThrowOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAsync<OperationCanceledException>(async () => await _fake.IsOnCareTeamAsync(_patient.TenantId, _clinician.Id, _patient.Id, cts.Token));
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await _fake.HoldsWorkItemForAsync(_patient.TenantId, _clinician.Id, _patient.Id, cts.Token));
    }

    [Fact]
    public async Task ConcurrentWritersAndReaders_CountEveryLookupAndKeepEveryRelationship()
    {
        const int Threads = 8;
        const int PerThread = 250;
        var patients = Enumerable.Range(0, Threads * PerThread).Select(_ => Id<Patient>.New()).ToArray();

        var workers = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var patientId = patients[(t * PerThread) + i];
                _fake.AddCareTeamMember(TestData.TenantId, _clinician.Id, patientId);
                Assert.True(await _fake.IsOnCareTeamAsync(TestData.TenantId, _clinician.Id, patientId));
            }
        })).ToArray();
        await Task.WhenAll(workers);

        Assert.Equal(Threads * PerThread, _fake.LookupCount);
        foreach (var patientId in patients)
        {
            Assert.True(await _fake.IsOnCareTeamAsync(TestData.TenantId, _clinician.Id, patientId));
        }
    }

    [Fact]
    public async Task WithDefaultAccessPolicy_ProgrammedRelationshipsDecideAccess()
    {
        var pharmacist = TestData.Practitioner().Build();
        _fake.AddCareTeamMember(_patient, _clinician).AddHeldWorkItem(_patient, pharmacist);
        var policy = new DefaultAccessPolicy(_fake, TestClock.Create(), Options.Create(new RemedoraOptions()));

        var clinician = await policy.EvaluateAsync(Read(ActorContext.ForClinician(TestData.TenantId, _clinician.Id)));
        var holder = await policy.EvaluateAsync(Read(ActorContext.ForPharmacist(TestData.TenantId, pharmacist.Id)));
        var colleague = TestData.Practitioner().Build();
        _fake.AddPractitioner(colleague);
        var stranger = await policy.EvaluateAsync(Read(ActorContext.ForClinician(TestData.TenantId, colleague.Id)));
        var unknown = await policy.EvaluateAsync(Read(ActorContext.ForClinician(TestData.TenantId, Id<Practitioner>.New())));

        Assert.Equal(AccessBasis.CareTeamMember, clinician.Basis);
        Assert.Equal(AccessBasis.HoldsWorkItem, holder.Basis);
        Assert.Equal(AccessBasis.NoRelationship, stranger.Basis);
        Assert.Equal(AccessBasis.NotTenantMember, unknown.Basis);
    }

    private AccessRequest Read(ActorContext actor) => new(actor, AccessAction.Read, ResourceTypes.Patient, _patient.TenantId, _patient.Id);
}
