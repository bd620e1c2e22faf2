using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.Storage.InMemory;

namespace Remedora.Storage.Tests.Records;

/// <summary>
/// Tenant membership and recently completed work as <see cref="StorageCareRelationships"/> reads them, and the
/// <see cref="TenantMembershipCache"/>: positive answers only, expiry by the clock, invalidation by writes through
/// <see cref="IRecords{T}"/>. (The same rules run on every provider in the Records conformance suite.)
/// </summary>
public class StorageCareRelationshipsTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly TenantId Tenant = TenantId.Parse("acme");
    private static readonly TenantId OtherTenant = TenantId.Parse("globex");

    private readonly FakeTimeProvider _clock = new(Start);
    private readonly InMemoryStorage _storage;
    private readonly RemedoraOptions _options = new();
    private readonly TenantMembershipCache _cache;
    private readonly StorageCareRelationships _relationships;

    public StorageCareRelationshipsTests()
    {
        _storage = new InMemoryStorage(StorageModel.Create([new CoreCollections()]), new JsonDocumentCodec(), _clock);
        _cache = new TenantMembershipCache(_clock, Options.Create(_options));
        _relationships = new StorageCareRelationships(_storage, _clock, _cache);
    }

    [Fact]
    public async Task IsActiveTenantMemberAsync_MemberInactiveOtherTenantsAndUnknown_OnlyTheActiveMemberCounts()
    {
        var member = await InsertAsync(Practitioner(Tenant));
        var inactive = await InsertAsync(Practitioner(Tenant) with { Active = false });
        var foreign = await InsertAsync(Practitioner(OtherTenant));

        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, inactive.Id));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, foreign.Id));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(OtherTenant, foreign.Id));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, Id<Practitioner>.New()));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(OtherTenant, member.Id));
    }

    [Fact]
    public async Task IsActiveTenantMemberAsync_DeactivatedBehindTheCache_StillMemberUntilTheDurationEnds()
    {
        var member = await InsertAsync(Practitioner(Tenant));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));

        // Written directly through a session (not through IRecords), as another node would: the cache does not hear of it.
        await UpdateDirectlyAsync(member with { Active = false });

        _clock.Advance(_options.TenantMembershipCacheDuration - TimeSpan.FromTicks(1));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
    }

    [Fact]
    public async Task IsActiveTenantMemberAsync_ConfiguredDuration_IsTheLifetime()
    {
        _options.TenantMembershipCacheDuration = TimeSpan.FromSeconds(5);
        var member = await InsertAsync(Practitioner(Tenant));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        await UpdateDirectlyAsync(member with { Active = false });

        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
    }

    [Fact]
    public async Task IsActiveTenantMemberAsync_DurationZero_ReadsStorageEveryTime()
    {
        _options.TenantMembershipCacheDuration = TimeSpan.Zero;
        var member = await InsertAsync(Practitioner(Tenant));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));

        await UpdateDirectlyAsync(member with { Active = false });

        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public async Task IsActiveTenantMemberAsync_NegativeAnswer_IsNotCached()
    {
        var practitioner = Practitioner(Tenant);
        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, practitioner.Id));

        await InsertAsync(practitioner);

        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, practitioner.Id));
    }

    [Fact]
    public async Task Invalidate_ForgetsTheEntryAtOnce()
    {
        var member = await InsertAsync(Practitioner(Tenant));
        Assert.True(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
        await UpdateDirectlyAsync(member with { Active = false });

        _cache.Invalidate(Tenant, member.Id);

        Assert.False(await _relationships.IsActiveTenantMemberAsync(Tenant, member.Id));
    }

    [Fact]
    public async Task RememberMember_InvalidatedDuringTheLookup_KeepsNothing()
    {
        var id = Id<Practitioner>.New();
        var generation = _cache.Generation;

        _cache.Invalidate(Tenant, id);
        _cache.RememberMember(Tenant, id, generation);

        Assert.False(_cache.IsRememberedMember(Tenant, id));
        Assert.Equal(0, _cache.Count);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task RecordsUpdate_DeactivatesPractitioner_ThisProcessRefusesAtOnce()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddRemedora(r => r.UseInMemoryStorage());
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<IStorageSessionFactory>();
        var records = provider.GetRequiredService<IRecords<Practitioner>>();
        var policy = provider.GetRequiredService<IAccessPolicy>();
        var admin = ActorContext.ForAdministrator(Tenant, "admin-7", PurposeOfUse.Operations);
        var stored = await records.CreateAsync(admin, Practitioner(Tenant) with { Id = default });
        var actor = ActorContext.ForClinician(Tenant, stored.Id);
        var read = new AccessRequest(actor, AccessAction.Read, ResourceTypes.Practitioner, Tenant, null, stored.Id.ToString());
        Assert.Equal(AccessBasis.TenantMember, (await policy.EvaluateAsync(read)).Basis);
        Assert.Equal(1, provider.GetRequiredService<TenantMembershipCache>().Count);

        await records.UpdateAsync(admin, stored with { Active = false });

        Assert.Equal(AccessBasis.NotTenantMember, (await policy.EvaluateAsync(read)).Basis);
        await using var session = sessions.OpenSession(Tenant);
        Assert.False((await session.FindAsync<Practitioner>(stored.Id.ToString()))!.Active);
    }

    [Fact]
    public async Task RecordsUpdate_DeactivationDuringConcurrentLookups_NoLookupStartedAfterItSaysMember()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddRemedora(r => r.UseInMemoryStorage());
        await using var provider = services.BuildServiceProvider();
        var records = provider.GetRequiredService<IRecords<Practitioner>>();
        var relationships = provider.GetRequiredService<ICareRelationships>();
        var admin = ActorContext.ForAdministrator(Tenant, "admin-7", PurposeOfUse.Operations);
        var stored = await records.CreateAsync(admin, Practitioner(Tenant) with { Id = default });
        var deactivated = 0;
        var stop = 0;
        var total = 0;
        using var start = new Barrier(9);
        var lookers = Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                int lookups = 0, staleAfterDeactivation = 0;
                while (Volatile.Read(ref stop) == 0)
                {
                    var after = Volatile.Read(ref deactivated) == 1;
                    var member = relationships.IsActiveTenantMemberAsync(Tenant, stored.Id).AsTask().GetAwaiter().GetResult();
                    lookups++;
                    Interlocked.Increment(ref total);
                    staleAfterDeactivation += after && member ? 1 : 0;
                }

                return (lookups, staleAfterDeactivation);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        start.SignalAndWait();
        SpinWait.SpinUntil(() => Volatile.Read(ref total) >= 400);
        await records.UpdateAsync(admin, stored with { Active = false });
        Volatile.Write(ref deactivated, 1);
        var atDeactivation = Volatile.Read(ref total);
        SpinWait.SpinUntil(() => Volatile.Read(ref total) >= atDeactivation + 400);
        Volatile.Write(ref stop, 1);
        var results = await Task.WhenAll(lookers);

        Assert.All(results, r => Assert.True(r.lookups > 0));
        Assert.Equal(0, results.Sum(r => r.staleAfterDeactivation));
        Assert.False(await relationships.IsActiveTenantMemberAsync(Tenant, stored.Id));
    }

    [Fact]
    public async Task CompletedWorkItemForAsync_ByCompleterWithinTheWindow_OnlyThatPractitionerAndPatient()
    {
        var patient = Id<Patient>.New();
        var completer = Id<Practitioner>.New();
        var other = Id<Practitioner>.New();
        await InsertAsync(WorkItem(patient) with { Status = WorkItemStatus.Completed, ClaimedBy = completer, CompletedBy = completer, CompletedAt = Start });
        await InsertAsync(WorkItem(patient) with { Status = WorkItemStatus.Cancelled, ClaimedBy = other });

        Assert.True(await _relationships.CompletedWorkItemForAsync(Tenant, completer, patient, Start));
        Assert.True(await _relationships.CompletedWorkItemForAsync(Tenant, completer, patient, Start - TimeSpan.FromHours(24)));
        Assert.False(await _relationships.CompletedWorkItemForAsync(Tenant, completer, patient, Start + TimeSpan.FromTicks(10)));
        Assert.False(await _relationships.CompletedWorkItemForAsync(Tenant, other, patient, Start - TimeSpan.FromHours(24)));
        Assert.False(await _relationships.CompletedWorkItemForAsync(Tenant, completer, Id<Patient>.New(), Start - TimeSpan.FromHours(24)));
        Assert.False(await _relationships.CompletedWorkItemForAsync(OtherTenant, completer, patient, Start - TimeSpan.FromHours(24)));
    }

    [Fact]
    public async Task CompletedWorkItemForAsync_StoredWithoutCompletionFields_DoesNotCount()
    {
        var patient = Id<Patient>.New();
        var holder = Id<Practitioner>.New();
        await InsertAsync(WorkItem(patient) with { Status = WorkItemStatus.Completed, ClaimedBy = holder });

        Assert.False(await _relationships.CompletedWorkItemForAsync(Tenant, holder, patient, DateTimeOffset.MinValue));
    }

    [Fact]
    public void Deserialize_RecordsStoredBeforeTheFields_ReadAsActiveAndNotCompleted()
    {
        var options = JsonDocumentCodec.CreateDefaultOptions();
        var practitionerId = Id<Practitioner>.New();
        var practitioner = System.Text.Json.JsonSerializer.Deserialize<Practitioner>($$"""{"id":"{{practitionerId}}","tenantId":"acme","displayName":"Dr. Test","version":3}""", options)!;
        var workItem = System.Text.Json.JsonSerializer.Deserialize<WorkItem>($$"""{"id":"{{Id<WorkItem>.New()}}","tenantId":"acme","kind":"review-intake","patientId":"{{Id<Patient>.New()}}","status":"Completed","createdAt":"2025-03-03T09:00:00+00:00","dueAt":"2025-03-03T13:00:00+00:00","claimedBy":"{{practitionerId}}"}""", options)!;

        Assert.True(practitioner.Active);
        Assert.Equal(WorkItemStatus.Completed, workItem.Status);
        Assert.Null(workItem.CompletedAt);
        Assert.Null(workItem.CompletedBy);
    }

    private static Practitioner Practitioner(TenantId tenant) => new()
    {
        Id = Id<Practitioner>.New(),
        TenantId = tenant,
        DisplayName = "Dr. Test Fakeclinician",
    };

    private static WorkItem WorkItem(Id<Patient> patient) => new()
    {
        Id = Id<WorkItem>.New(),
        TenantId = Tenant,
        Kind = WorkItemKind.ReviewIntake,
        PatientId = patient,
        CreatedAt = Start,
        DueAt = Start.AddHours(4),
    };

    private async Task<T> InsertAsync<T>(T document)
        where T : class
    {
        var tenant = document switch
        {
            Practitioner p => p.TenantId,
            WorkItem w => w.TenantId,
            _ => Tenant,
        };
        await using var session = _storage.OpenSession(tenant);
        var stored = session.Insert(document);
        await session.CommitAsync();
        return stored;
    }

    private async Task UpdateDirectlyAsync(Practitioner practitioner)
    {
        await using var session = _storage.OpenSession(practitioner.TenantId);
        session.Update(practitioner);
        await session.CommitAsync();
    }
}
