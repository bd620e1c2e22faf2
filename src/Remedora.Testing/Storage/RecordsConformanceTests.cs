using Microsoft.Extensions.DependencyInjection;
using Remedora.Events;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// <see cref="IRecords{T}"/> on this provider with the default access policy: allowed access is returned and audited
/// in the same unit of work; out-of-scope access looks like "not found" and leaves a denied audit record; break-glass
/// access is audited with its reason and publishes <see cref="BreakGlassAccessed"/>; failures are audited too.
/// </summary>
public abstract partial class RecordsConformanceTests : StorageConformanceTestBase
{
    /// <summary>A clinician on the patient's care team reads the record; the read is audited as a success with its basis.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_CareTeamMember_ReturnsRecordAndAuditsSuccess()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: true);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        var read = await records.GetAsync(clinician, patient.Id);

        Assert.Equal(patient, read);
        var audit = Assert.Single(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == clinician.UserId);
        Assert.Equal((AuditAction.Read, AuditOutcome.Success, "Patient", patient.Id.ToString(), (Id<Patient>?)patient.Id), (audit.Event.Action, audit.Event.Outcome, audit.Event.ResourceType, audit.Event.ResourceId, audit.Event.PatientId));
        Assert.Equal("basis:CareTeamMember", audit.Event.Detail);
    }

    /// <summary>A clinician without a relationship gets "not found", and the denied attempt is audited.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_OutOfScope_NotFoundAndDeniedAuditRecord()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: false);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        var missing = await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(clinician, patient.Id));

        Assert.Equal(("Patient", patient.Id.ToString()), (missing.ResourceType, missing.ResourceId));
        var audit = Assert.Single(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == clinician.UserId);
        Assert.Equal((AuditOutcome.Denied, "denied:NoRelationship"), (audit.Event.Outcome, audit.Event.Detail));
    }

    /// <summary>A record that does not exist is "not found" too, and the failed read is audited.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_MissingRecord_NotFoundAndFailedAuditRecord()
    {
        await using var context = await StartAsync();
        var (_, clinician) = await SeedAsync(context, onCareTeam: true);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var id = Id<Patient>.New();

        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(clinician, id));

        var audit = Assert.Single(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == clinician.UserId);
        Assert.Equal((AuditOutcome.Failed, id.ToString(), RemedoraErrorCodes.NotFound), (audit.Event.Outcome, audit.Event.ResourceId, audit.Event.Detail));
    }

    /// <summary>Break-glass access is allowed, audited with its reason and publishes a <see cref="BreakGlassAccessed"/> event through the outbox.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_BreakGlass_AuditedAndPublishesEvent()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: false);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var emergency = clinician.WithBreakGlass("patient unresponsive in visit", context.Now);

        var read = await records.GetAsync(emergency, patient.Id);

        Assert.Equal(patient.Id, read.Id);
        var audit = Assert.Single(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == clinician.UserId);
        Assert.Equal((AuditOutcome.Success, "patient unresponsive in visit", "basis:BreakGlass", (PurposeOfUse?)PurposeOfUse.EmergencyTreatment), (audit.Event.Outcome, audit.Event.BreakGlassReason, audit.Event.Detail, audit.Event.PurposeOfUse));
        var message = Assert.Single(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA));
        Assert.Equal(AccessGuard.BreakGlassMessageType, message.MessageType);
        var raised = new OutboxEnvelope(message.Id, message.TenantId, message.MessageType!, message.Payload!, message.IdempotencyKey!, 1, message.CreatedAt).Deserialize<BreakGlassAccessed>();
        Assert.Equal((patient.Id, clinician.UserId, "Patient", context.TenantA), (raised.PatientId, raised.ActorId, raised.ResourceType, raised.TenantId));
        Assert.Equal(raised.EventId.ToString(), message.IdempotencyKey);
    }

    /// <summary>Create, update and delete are audited in the unit of work of the change, with versions as the store keeps them.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task WriteMethods_System_ChangeRecordAndAuditEachChange()
    {
        await using var context = await StartAsync();
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        var created = await records.CreateAsync(system, ConformanceData.Patient(context.TenantA) with { Id = default });
        var updated = await records.UpdateAsync(system, created with { FamilyName = "Changed" });
        await records.DeleteAsync(system, updated);

        Assert.Equal((1L, 2L), (created.Version, updated.Version));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(system, created.Id));
        var actions = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Select(r => (r.Event.Action, r.Event.Outcome)).ToArray();
        Assert.Equal([(AuditAction.Create, AuditOutcome.Success), (AuditAction.Update, AuditOutcome.Success), (AuditAction.Delete, AuditOutcome.Success), (AuditAction.Read, AuditOutcome.Failed)], actions);
    }

    /// <summary>A stale update conflicts, changes nothing and leaves a failed audit record with the conflict's code.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_StaleVersion_ConflictAndFailedAuditRecord()
    {
        await using var context = await StartAsync();
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var created = await records.CreateAsync(system, ConformanceData.Patient(context.TenantA) with { Id = default });
        await records.UpdateAsync(system, created with { FamilyName = "First" });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => records.UpdateAsync(system, created with { FamilyName = "Second" }));

        Assert.Equal((1L, (long?)2), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal("First", (await records.GetAsync(system, created.Id)).FamilyName);
        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);
        Assert.Contains(chain, r => r.Event.Action == AuditAction.Update && r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == RemedoraErrorCodes.ConcurrencyConflict);
        Assert.Equal(2, chain.Count(r => r.Event.Action == AuditAction.Update));
        ConformanceData.AssertValidChain(chain, context.TenantA);
    }

    /// <summary>Search leaves out the records the actor may not see, and audits what it returned.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SearchAsync_MixedScope_ReturnsOnlyVisibleRecords()
    {
        await using var context = await StartAsync();
        var (mine, clinician) = await SeedAsync(context, onCareTeam: true);
        var theirs = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Patient(context.TenantA)))[0];
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        var page = await records.SearchAsync(clinician, DocumentQuery<Patient>.All);

        Assert.Equal([mine.Id], page.Items.Select(p => p.Id));
        var audits = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Where(r => r.Event.ActorId == clinician.UserId).ToArray();
        Assert.All(audits, a => Assert.Equal((AuditAction.Search, AuditOutcome.Success), (a.Event.Action, a.Event.Outcome)));
        Assert.DoesNotContain(audits, a => a.Event.PatientId == theirs.Id);
    }

    /// <summary>A patient reaches their own record only; another patient's record of the same tenant is "not found".</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_Patient_ReachesOwnRecordOnly()
    {
        await using var context = await StartAsync();
        var stored = await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Patient(context.TenantA), ConformanceData.Patient(context.TenantA));
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var me = ActorContext.ForPatient(context.TenantA, stored[0].Id);

        Assert.Equal(stored[0], await records.GetAsync(me, stored[0].Id));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(me, stored[1].Id));
    }

    /// <summary>Records never cross tenants: a read by another tenant's actor is "not found", and a create of another tenant's record is refused.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Methods_OtherTenant_NotFoundOrRefused()
    {
        await using var context = await StartAsync();
        var (patient, _) = await SeedAsync(context, onCareTeam: true);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var systemOfB = ActorContext.ForSystem(context.TenantB, "conformance");

        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(systemOfB, patient.Id));
        await Assert.ThrowsAsync<TenantMismatchException>(() => records.CreateAsync(systemOfB, ConformanceData.Patient(context.TenantA) with { Id = default }));
        Assert.Empty((await records.SearchAsync(systemOfB, DocumentQuery<Patient>.All)).Items);
        Assert.DoesNotContain(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == systemOfB.UserId);
    }

    private static async Task<(Patient Patient, ActorContext Clinician)> SeedAsync(StorageTestContext context, bool onCareTeam)
    {
        var patient = ConformanceData.Patient(context.TenantA);
        var practitioner = ConformanceData.Practitioner(context.TenantA);
        await using var session = context.OpenSession(context.TenantA);
        patient = session.Insert(patient);
        session.Insert(practitioner);
        if (onCareTeam)
        {
            session.Insert(ConformanceData.CareTeam(context.TenantA, patient.Id, practitioner.Id));
        }

        await session.CommitAsync();
        return (patient, ActorContext.ForClinician(context.TenantA, practitioner.Id));
    }
}
