using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <content>Writes decided on the stored record, command-owned collections and SDK-chosen ids.</content>
public abstract partial class RecordsConformanceTests
{
    /// <summary>
    /// Patient A relabels patient B's care team and case as their own (<c>record with { PatientId = A }</c>): "not found"
    /// exactly like a missing id, nothing written, the attempt audited as denied on B.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_PatientRelabelsAnotherPatientsRecord_NotFoundUnchangedAndAudited()
    {
        await using var context = await StartAsync();
        var (a, b) = await TwoPatientsAsync(context);
        var teamOfB = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.CareTeam(context.TenantA, b.Id, Id<Practitioner>.New())))[0];
        var caseOfB = (await ConformanceData.InsertAsync(context, context.TenantA, CaseOf(context, b.Id)))[0];
        var patientA = ActorContext.ForPatient(context.TenantA, a.Id);

        await AssertHiddenWriteAsync(context, patientA, teamOfB, teamOfB with { PatientId = a.Id }, b.Id);
        await AssertHiddenWriteAsync(context, patientA, caseOfB, caseOfB with { PatientId = a.Id, State = "approved" }, b.Id);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => context.Services.GetRequiredService<IRecords<CareCase>>().CreateAsync(patientA, CaseOf(context, b.Id) with { Id = default }));
        await Assert.ThrowsAsync<WriteNotPermittedException>(() => context.Services.GetRequiredService<IRecords<CareCase>>().CreateAsync(patientA, CaseOf(context, a.Id) with { Id = default }));
    }

    /// <summary>A clinician on A's care team but not on B's relabels B's records to A: "not found", nothing written, audited.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_OffTeamClinicianRelabelsRecord_NotFoundUnchangedAndAudited()
    {
        await using var context = await StartAsync();
        var (a, b) = await TwoPatientsAsync(context);
        var practitioner = ConformanceData.Practitioner(context.TenantA);
        var teamOfB = ConformanceData.CareTeam(context.TenantA, b.Id, Id<Practitioner>.New());
        await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.CareTeam(context.TenantA, a.Id, practitioner.Id), teamOfB);
        var caseOfB = (await ConformanceData.InsertAsync(context, context.TenantA, CaseOf(context, b.Id)))[0];
        var clinician = ActorContext.ForClinician(context.TenantA, practitioner.Id);

        await AssertHiddenWriteAsync(context, clinician, teamOfB with { Version = 1 }, teamOfB with { Version = 1, PatientId = a.Id }, b.Id);
        await AssertHiddenWriteAsync(context, clinician, caseOfB, caseOfB with { PatientId = a.Id }, b.Id);
        await AssertHiddenWriteAsync(context, clinician, b, b with { FamilyName = "Overwritten" }, b.Id);
    }

    /// <summary>
    /// Another tenant's system actor names a tenant-A record: relabelled into its own tenant it is "not found" (nothing
    /// of tenant A is read or written); left in tenant A it is a tenant mismatch; tenant A's chain gains nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_OtherTenantRelabelsRecord_NotFoundOrMismatchAndUnchanged()
    {
        await using var context = await StartAsync();
        var (a, _) = await TwoPatientsAsync(context);
        var systemOfB = ActorContext.ForSystem(context.TenantB, "conformance");
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.UpdateAsync(systemOfB, a with { TenantId = context.TenantB, FamilyName = "Moved" }));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.DeleteAsync(systemOfB, a with { TenantId = context.TenantB }));
        await Assert.ThrowsAsync<TenantMismatchException>(() => records.UpdateAsync(systemOfB, a with { FamilyName = "Moved" }));

        Assert.Equal(a, await FindAsync<Patient>(context, a.Id.ToString()));
        Assert.DoesNotContain(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == systemOfB.UserId);
        Assert.Contains(await ConformanceData.ReadChainAsync(context, context.TenantB), r => r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == RemedoraErrorCodes.NotFound);
    }

    /// <summary>
    /// Update and delete of an out-of-scope record, even at a stale version, give "not found" with the very message of a
    /// missing id (never a conflict that reveals its version), change nothing and audit a denial.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task WriteMethods_OutOfScopeRecord_NotFoundLikeMissingIdAndNoVersionLeak()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: false);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var missing = ConformanceData.Patient(context.TenantA) with { Version = 1 };

        var hidden = await Assert.ThrowsAsync<RecordNotFoundException>(() => records.UpdateAsync(clinician, patient with { Version = 7 }));
        var absent = await Assert.ThrowsAsync<RecordNotFoundException>(() => records.UpdateAsync(clinician, missing));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.DeleteAsync(clinician, patient));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => records.DeleteAsync(clinician, patient with { Version = 7 }));

        Assert.Equal(absent.Message.Replace(missing.Id.ToString(), "#", StringComparison.Ordinal), hidden.Message.Replace(patient.Id.ToString(), "#", StringComparison.Ordinal));
        Assert.Equal(absent.Code, hidden.Code);
        Assert.Equal(patient, await FindAsync<Patient>(context, patient.Id.ToString()));
        var denied = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Where(r => r.Event.ActorId == clinician.UserId && r.Event.Outcome == AuditOutcome.Denied).ToArray();
        Assert.Equal(3, denied.Length);
        Assert.All(denied, r => Assert.Equal(((Id<Patient>?)patient.Id, "denied:NoRelationship"), (r.Event.PatientId, r.Event.Detail)));
    }

    /// <summary>An actor who sees the record gets the conflict of a stale update, with the stored version; nothing is written.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_StaleVersionOfVisibleRecord_ConflictWithStoredVersion()
    {
        await using var context = await StartAsync();
        var (patient, clinician) = await SeedAsync(context, onCareTeam: true);
        var records = context.Services.GetRequiredService<IRecords<Patient>>();

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => records.UpdateAsync(clinician, patient with { Version = 5, FamilyName = "Stale" }));

        Assert.Equal((5L, (long?)1), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal(patient, await FindAsync<Patient>(context, patient.Id.ToString()));
    }

    /// <summary>Moving a visible record to another patient is refused with <see cref="RecordIdentityChangeException"/>, audited, and nothing is written.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task UpdateAsync_ChangesPatientOfVisibleRecord_IdentityChangeRefused()
    {
        await using var context = await StartAsync();
        var (a, b) = await TwoPatientsAsync(context);
        var team = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.CareTeam(context.TenantA, b.Id, Id<Practitioner>.New())))[0];
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var records = context.Services.GetRequiredService<IRecords<CareTeam>>();

        var refused = await Assert.ThrowsAsync<RecordIdentityChangeException>(() => records.UpdateAsync(system, team with { PatientId = a.Id }));

        Assert.Equal((StorageErrorCodes.IdentityChangeRefused, "patient", team.Id.ToString()), (refused.Code, refused.Field, refused.ResourceId));
        Assert.Equivalent(team, await FindAsync<CareTeam>(context, team.Id.ToString()), strict: true);
        Assert.Contains(await ConformanceData.ReadChainAsync(context, context.TenantA), r => r.Event.ActorId == system.UserId && r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == StorageErrorCodes.IdentityChangeRefused);
    }

    /// <summary>
    /// Every command-owned collection of the model (found by iterating the <see cref="StorageModel"/>) refuses create,
    /// update and delete through <see cref="IRecords{T}"/> even for the system actor: <see cref="WriteNotPermittedException"/>,
    /// a denied audit record each, nothing written; reads stay.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task WriteMethods_EveryCommandOwnedCollection_RefusedAuditedAndNothingWritten()
    {
        await using var context = await StartAsync();
        var owned = context.Services.GetRequiredService<StorageModel>().Collections.Where(c => c.IsCommandOwned).ToArray();

        Assert.NotEmpty(owned);
        foreach (var collection in owned)
        {
            var check = typeof(RecordsConformanceTests).GetMethod(nameof(AssertOwnedRefusedAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(collection.DocumentType);
            await (Task)check.Invoke(null, [context, collection])!;
        }
    }

    /// <summary>The audit log and the outbox are not document collections: no <see cref="IRecords{T}"/> can be made for them.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task Records_AuditLogAndOutbox_NotReachable()
    {
        await using var context = await StartAsync();
        var model = context.Services.GetRequiredService<StorageModel>();

        Assert.DoesNotContain(model.Collections, c => c.DocumentType == typeof(AuditRecord) || c.DocumentType == typeof(AuditEvent) || c.DocumentType == typeof(OutboxMessage) || c.DocumentType == typeof(QueueItem));
        Assert.ThrowsAny<InvalidOperationException>(() => context.Services.GetRequiredService<IRecords<AuditRecord>>());
        Assert.ThrowsAny<InvalidOperationException>(() => context.Services.GetRequiredService<IRecords<AuditEvent>>());
        Assert.ThrowsAny<InvalidOperationException>(() => context.Services.GetRequiredService<IRecords<OutboxMessage>>());
        Assert.ThrowsAny<InvalidOperationException>(() => context.Services.GetRequiredService<IRecords<QueueItem>>());
    }

    /// <summary>
    /// Ids are chosen by the SDK: a create with a caller-chosen id is refused the same way whether or not a record (of
    /// another patient) has that id, and a create with an empty id gets a fresh one.
    /// </summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task CreateAsync_CallerChosenId_RefusedWithoutRevealingExistence()
    {
        await using var context = await StartAsync();
        var (a, b) = await TwoPatientsAsync(context);
        var teamOfB = (await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.CareTeam(context.TenantA, b.Id, Id<Practitioner>.New())))[0];
        var patientA = ActorContext.ForPatient(context.TenantA, a.Id);
        var records = context.Services.GetRequiredService<IRecords<CareTeam>>();

        var existing = await Assert.ThrowsAsync<ArgumentException>(() => records.CreateAsync(patientA, teamOfB with { PatientId = a.Id, Version = 0 }));
        var fresh = await Assert.ThrowsAsync<ArgumentException>(() => records.CreateAsync(patientA, teamOfB with { Id = Id<CareTeam>.New(), PatientId = a.Id, Version = 0 }));
        var created = await records.CreateAsync(patientA, teamOfB with { Id = default, PatientId = a.Id, Version = 0 });

        Assert.Equal(existing.Message, fresh.Message);
        Assert.Contains("the SDK assigns it", existing.Message, StringComparison.Ordinal);
        Assert.False(created.Id.IsEmpty);
        Assert.NotEqual(teamOfB.Id, created.Id);
        Assert.Equivalent(teamOfB, await FindAsync<CareTeam>(context, teamOfB.Id.ToString()), strict: true);
    }

    /// <summary>A natural key (a tenant's id) that exists gives a conflict to an actor who may see the stored record, and changes nothing.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task CreateAsync_ExistingNaturalKey_ConflictForActorWhoSeesIt()
    {
        await using var context = await StartAsync();
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var records = context.Services.GetRequiredService<IRecords<Tenant>>();
        var tenant = await records.CreateAsync(system, new Tenant { Id = context.TenantA, Name = "Conformance clinic", CreatedAt = context.Now });

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => records.CreateAsync(system, tenant with { Name = "Again", Version = 0 }));

        Assert.Equal((0L, (long?)null), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal("Conformance clinic", (await records.GetAsync(system, context.TenantA.ToString())).Name);
    }

    private static async Task AssertOwnedRefusedAsync<T>(StorageTestContext context, DocumentCollection collection)
        where T : class
    {
        var typed = (DocumentCollection<T>)collection;
        var system = ActorContext.ForSystem(context.TenantA, "owned-" + collection.Name);
        var records = context.Services.GetRequiredService<IRecords<T>>();
        var stored = (await ConformanceData.InsertAsync(context, context.TenantA, Fabricate<T>(context)))[0];
        var fresh = Fabricate<T>(context);
        if (typed.AssignsKeys)
        {
            var id = typeof(T).GetProperty("Id")!;
            id.SetValue(fresh, Activator.CreateInstance(id.PropertyType));
        }

        var refusals = new[]
        {
            await Assert.ThrowsAsync<WriteNotPermittedException>(() => records.CreateAsync(system, fresh)),
            await Assert.ThrowsAsync<WriteNotPermittedException>(() => records.CreateAsync(system, typed.WithVersion(stored, 0))),
            await Assert.ThrowsAsync<WriteNotPermittedException>(() => records.UpdateAsync(system, stored)),
            await Assert.ThrowsAsync<WriteNotPermittedException>(() => records.DeleteAsync(system, stored)),
        };

        Assert.All(refusals, r => Assert.Equal((StorageErrorCodes.WriteNotPermitted, collection.Owner, collection.Name), (r.Code, (string?)r.Owner, r.Collection)));
        await using (var session = context.OpenSession(context.TenantA))
        {
            Assert.Equal(1, await session.CountAsync(DocumentQuery<T>.All));
            Assert.Equal(1, typed.VersionOf((await session.FindAsync<T>(typed.KeyOf(stored)))!));
        }

        Assert.Equal(typed.KeyOf(stored), typed.KeyOf(await records.GetAsync(system, typed.KeyOf(stored))));
        var denied = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Where(r => r.Event.ActorId == system.UserId && r.Event.Outcome == AuditOutcome.Denied).ToArray();
        Assert.Equal([AuditAction.Create, AuditAction.Create, AuditAction.Update, AuditAction.Delete], denied.Select(r => r.Event.Action));
        Assert.All(denied, r => Assert.Equal((collection.ResourceType, "denied:ActionNotPermitted"), (r.Event.ResourceType, r.Event.Detail)));
    }

    /// <summary>Builds a record of any document type by reflection: the test tenant, fresh ids, one patient, text and the test clock's time.</summary>
    private static T Fabricate<T>(StorageTestContext context)
        where T : class
        => (T)Fabricate(typeof(T), context, Id<Patient>.New(), depth: 0);

    private static object Fabricate(Type type, StorageTestContext context, Id<Patient> patient, int depth)
    {
        var instance = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            if (ValueFor(property.PropertyType, context, patient, depth) is { } value)
            {
                property.SetValue(instance, value);
            }
        }

        return instance;
    }

    private static object? ValueFor(Type type, StorageTestContext context, Id<Patient> patient, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(TenantId))
        {
            return context.TenantA;
        }

        if (underlying == typeof(Id<Patient>))
        {
            return patient;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Id<>))
        {
            return underlying.GetMethod("New", Type.EmptyTypes)!.Invoke(null, null);
        }

        if (underlying == typeof(string))
        {
            return "fabricated";
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return context.Now;
        }

        if (underlying.IsValueType && !underlying.IsPrimitive && !underlying.IsEnum && underlying.GetMethod("Parse", [typeof(string)]) is { IsStatic: true } parse)
        {
            foreach (var candidate in new[] { "fabricated", "US" })
            {
                try
                {
                    return parse.Invoke(null, [candidate]);
                }
                catch (TargetInvocationException)
                {
                    // Not a valid value of this type; try the next.
                }
            }
        }

        if (underlying.IsValueType && !underlying.IsPrimitive && !underlying.IsEnum && underlying.GetConstructor([typeof(string)]) is { } constructor)
        {
            return constructor.Invoke(["fabricated"]);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var element] && type.IsAssignableFrom(element.MakeArrayType()))
        {
            return Array.CreateInstance(element, 0);
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var key, var item] && typeof(Dictionary<,>).MakeGenericType(key, item) is var dictionary && type.IsAssignableFrom(dictionary))
        {
            return Activator.CreateInstance(dictionary);
        }

        if (type.IsClass && !type.IsAbstract && depth < 3 && type.Namespace?.StartsWith("Remedora", StringComparison.Ordinal) == true)
        {
            return Fabricate(type, context, patient, depth + 1);
        }

        return null;
    }

    private static CareCase CaseOf(StorageTestContext context, Id<Patient> patientId) => new()
    {
        Id = Id<CareCase>.New(),
        TenantId = context.TenantA,
        PatientId = patientId,
        PathName = "async-consult",
        State = "submitted",
        OpenedAt = context.Now,
    };

    private static async Task<(Patient A, Patient B)> TwoPatientsAsync(StorageTestContext context)
    {
        var stored = await ConformanceData.InsertAsync(context, context.TenantA, ConformanceData.Patient(context.TenantA), ConformanceData.Patient(context.TenantA));
        return (stored[0], stored[1]);
    }

    private static async Task<T?> FindAsync<T>(StorageTestContext context, string key)
        where T : class
    {
        await using var session = context.OpenSession(context.TenantA);
        return await session.FindAsync<T>(key);
    }

    private static async Task AssertHiddenWriteAsync<T>(StorageTestContext context, ActorContext actor, T stored, T relabelled, Id<Patient> victim)
        where T : class
    {
        var records = context.Services.GetRequiredService<IRecords<T>>();
        var collection = context.Services.GetRequiredService<StorageModel>().Get<T>();
        var key = collection.KeyOf(stored);
        var before = await FindAsync<T>(context, key);
        var chain = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Count;

        var update = await Assert.ThrowsAsync<RecordNotFoundException>(() => records.UpdateAsync(actor, relabelled));
        var delete = await Assert.ThrowsAsync<RecordNotFoundException>(() => records.DeleteAsync(actor, relabelled));

        Assert.Equal((collection.ResourceType, key), (update.ResourceType, update.ResourceId));
        Assert.Equal(update.Message, delete.Message);
        Assert.Equivalent(before, await FindAsync<T>(context, key), strict: true);
        var added = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Skip(chain).ToArray();
        Assert.Equal(2, added.Length);
        Assert.All(added, r => Assert.Equal((AuditOutcome.Denied, (Id<Patient>?)victim, actor.UserId), (r.Event.Outcome, r.Event.PatientId, r.Event.ActorId)));
    }
}
