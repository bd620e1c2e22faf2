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

    /// <summary>
    /// A clinician whose practitioner is not an active member of the tenant (inactive, another tenant's, or unknown)
    /// reaches nothing, with or without break-glass, even on the patient's care team: patient records and records
    /// that are not patient data are "not found", and every refusal is audited as <c>denied:NotTenantMember</c>.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Methods_StaffNotActiveMemberOfTheTenant_NotFoundAndDeniedAuditRecord()
    {
        await using var context = await StartAsync();
        var patient = ConformanceData.Patient(context.TenantA);
        var inactive = ConformanceData.Practitioner(context.TenantA) with { Active = false };
        var foreign = ConformanceData.Practitioner(context.TenantB);
        var unknown = Id<Practitioner>.New();
        var colleague = ConformanceData.Practitioner(context.TenantA);
        await using (var session = context.OpenSession(context.TenantA))
        {
            patient = session.Insert(patient);
            session.Insert(inactive);
            session.Insert(colleague);
            session.Insert(new CareTeam
            {
                Id = Id<CareTeam>.New(),
                TenantId = context.TenantA,
                PatientId = patient.Id,
                Members = [new CareTeamMember(inactive.Id, "primary"), new CareTeamMember(foreign.Id, "primary"), new CareTeamMember(unknown, "primary")],
            });
            await session.CommitAsync();
        }

        await using (var session = context.OpenSession(context.TenantB))
        {
            session.Insert(foreign);
            await session.CommitAsync();
        }

        var patients = context.Services.GetRequiredService<IRecords<Patient>>();
        var practitioners = context.Services.GetRequiredService<IRecords<Practitioner>>();
        var actors = new[] { inactive.Id, foreign.Id, unknown }
            .SelectMany(id => new[]
            {
                ActorContext.ForClinician(context.TenantA, id, $"staff-{id}"),
                ActorContext.ForClinician(context.TenantA, id, $"staff-{id}-bg").WithBreakGlass("patient unresponsive in visit", context.Now),
            })
            .ToArray();
        foreach (var actor in actors)
        {
            var missingPatient = await Assert.ThrowsAsync<RecordNotFoundException>(() => patients.GetAsync(actor, patient.Id));
            Assert.Equal(("Patient", patient.Id.ToString()), (missingPatient.ResourceType, missingPatient.ResourceId));
            var missingPractitioner = await Assert.ThrowsAsync<RecordNotFoundException>(() => practitioners.GetAsync(actor, colleague.Id));
            Assert.Equal(("Practitioner", colleague.Id.ToString()), (missingPractitioner.ResourceType, missingPractitioner.ResourceId));
            await Assert.ThrowsAsync<RecordNotFoundException>(() => patients.UpdateAsync(actor, patient with { FamilyName = "Changed" }));
        }

        var chain = await ConformanceData.ReadChainAsync(context, context.TenantA);
        foreach (var actor in actors)
        {
            var audits = chain.Where(r => r.Event.ActorId == actor.UserId).ToArray();
            Assert.Equal(3, audits.Length);
            Assert.All(audits, a => Assert.Equal((AuditOutcome.Denied, "denied:NotTenantMember"), (a.Event.Outcome, a.Event.Detail)));
        }

        Assert.Empty(await ConformanceData.ListAllAsync(context, OutboxMessage.QueueName, context.TenantA));
        Assert.Equal("Example", (await patients.GetAsync(ActorContext.ForSystem(context.TenantA, "conformance"), patient.Id)).FamilyName);
    }

    /// <summary>Deactivating a practitioner through <see cref="IRecords{T}"/> refuses them at once on this node, although their membership was cached.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_PractitionerDeactivated_RefusedAtOnce()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: true);
        var patients = context.Services.GetRequiredService<IRecords<Patient>>();
        var practitioners = context.Services.GetRequiredService<IRecords<Practitioner>>();
        var admin = ActorContext.ForAdministrator(context.TenantA, "admin-7", PurposeOfUse.Operations);
        Assert.Equal(patient.Id, (await patients.GetAsync(clinician, patient.Id)).Id);

        var record = await practitioners.GetAsync(admin, clinician.PractitionerId!.Value);
        await practitioners.UpdateAsync(admin, record with { Active = false });

        await Assert.ThrowsAsync<RecordNotFoundException>(() => patients.GetAsync(clinician, patient.Id));
        var last = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Last(r => r.Event.ActorId == clinician.UserId);
        Assert.Equal("denied:NotTenantMember", last.Event.Detail);
    }

    /// <summary>
    /// The practitioner who completed a work item for a patient keeps access to the patient for the completed-work
    /// window (basis <c>RecentlyCompletedWork</c>), and loses it after the window; another practitioner never gets it.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task GetAsync_RecentlyCompletedWork_AllowedForTheWindowOnly()
    {
        await using var context = await StartAsync();
        var (patient, completer) = await SeedAsync(context, onCareTeam: false);
        var other = ConformanceData.Practitioner(context.TenantA);
        await using (var session = context.OpenSession(context.TenantA))
        {
            session.Insert(other);
            session.Insert(new WorkItem
            {
                Id = Id<WorkItem>.New(),
                TenantId = context.TenantA,
                Kind = WorkItemKind.ReviewIntake,
                PatientId = patient.Id,
                Status = WorkItemStatus.Completed,
                CreatedAt = context.Now,
                DueAt = context.Now.AddHours(4),
                ClaimedBy = completer.PractitionerId,
                CompletedBy = completer.PractitionerId,
                CompletedAt = context.Now,
            });
            await session.CommitAsync();
        }

        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var window = context.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RemedoraOptions>>().Value.CompletedWorkAccessWindow;
        var otherActor = ActorContext.ForClinician(context.TenantA, other.Id);

        context.Clock.Advance(window - TimeSpan.FromSeconds(1));
        Assert.Equal(patient.Id, (await records.GetAsync(completer, patient.Id)).Id);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(otherActor, patient.Id));
        context.Clock.Advance(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.GetAsync(completer, patient.Id));

        var details = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Where(r => r.Event.ActorId == completer.UserId).Select(r => r.Event.Detail ?? string.Empty).ToArray();
        Assert.Equal(new[] { "basis:RecentlyCompletedWork", "denied:NoRelationship" }, details);
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
