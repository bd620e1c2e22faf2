using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Records the suites store; obviously fake, never real patient data.</summary>
internal static class ConformanceData
{
    public static ConformanceDocument Document(TenantId tenantId, string key, string? category = null, long? rank = null) => new()
    {
        Key = key,
        TenantId = tenantId,
        Category = category,
        Rank = rank,
        Body = "body of " + key,
    };

    public static Patient Patient(TenantId tenantId) => new()
    {
        Id = Id<Patient>.New(),
        TenantId = tenantId,
        GivenName = "Testy",
        FamilyName = "Example",
        BirthDate = new DateOnly(1980, 1, 1),
        Email = "testy@example.invalid",
        Jurisdiction = Jurisdiction.Parse("US-CA"),
    };

    public static Practitioner Practitioner(TenantId tenantId) => new()
    {
        Id = Id<Practitioner>.New(),
        TenantId = tenantId,
        DisplayName = "Dr. Example",
    };

    public static CareTeam CareTeam(TenantId tenantId, Id<Patient> patientId, Id<Practitioner> member) => new()
    {
        Id = Id<CareTeam>.New(),
        TenantId = tenantId,
        PatientId = patientId,
        Members = [new CareTeamMember(member, "primary")],
    };

    public static QueueItem Item(TenantId tenantId, string queue, DateTimeOffset now, int priority = 0, TimeSpan? dueIn = null, Guid? id = null) => new()
    {
        Id = id ?? Guid.NewGuid(),
        TenantId = tenantId,
        Queue = queue,
        Priority = priority,
        DueAt = now + (dueIn ?? TimeSpan.FromHours(1)),
        AvailableAt = now,
    };

    public static AuditEvent Event(TenantId tenantId, DateTimeOffset at, string actor = "user-1", AuditAction action = AuditAction.Read, AuditOutcome outcome = AuditOutcome.Success, Id<Patient>? patientId = null) => new()
    {
        OccurredAt = at,
        TenantId = tenantId,
        ActorId = actor,
        ActorRole = ActorRole.Clinician,
        Action = action,
        ResourceType = "ConformanceDocument",
        ResourceId = "doc-1",
        PatientId = patientId,
        Outcome = outcome,
        PurposeOfUse = PurposeOfUse.Treatment,
    };

    /// <summary>Enqueues items in one unit of work.</summary>
    public static async Task EnqueueAsync(StorageTestContext context, TenantId tenantId, params QueueItem[] items)
    {
        await using var session = context.OpenSession(tenantId);
        foreach (var item in items)
        {
            session.Enqueue(item);
        }

        await session.CommitAsync();
    }

    /// <summary>Inserts documents in one unit of work and returns them as stored.</summary>
    public static async Task<T[]> InsertAsync<T>(StorageTestContext context, TenantId tenantId, params T[] documents)
        where T : class
    {
        await using var session = context.OpenSession(tenantId);
        var stored = documents.Select(session.Insert).ToArray();
        await session.CommitAsync();
        return stored;
    }

    /// <summary>Reads a tenant's whole audit chain.</summary>
    public static async Task<List<AuditRecord>> ReadChainAsync(StorageTestContext context, TenantId tenantId, long fromSequence = 1)
    {
        var records = new List<AuditRecord>();
        await foreach (var entry in context.AuditLog.ReadChainAsync(tenantId, fromSequence))
        {
            Assert.True(entry.IsReadable, $"The audit row at sequence {entry.Sequence} cannot be read: {entry.Unreadable?.Code}.");
            records.Add(entry.Record);
        }

        return records;
    }

    /// <summary>Asserts that records form a valid chain from the genesis hash: sequence 1.. without gaps, each hash recomputed with <see cref="AuditChain"/>.</summary>
    public static void AssertValidChain(IReadOnlyList<AuditRecord> records, TenantId tenantId)
    {
        var previous = AuditChain.GenesisHash.ToArray();
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            Assert.Equal(i + 1, record.Sequence);
            Assert.Equal(tenantId, record.Event.TenantId);
            Assert.Equal(previous, record.PreviousHash.ToArray());
            var expected = AuditChain.ComputeHash(previous, AuditChain.GetCanonicalBytes(record.Sequence, record.Event));
            Assert.Equal(expected, record.Hash.ToArray());
            previous = expected;
        }
    }

    /// <summary>Lists every item of a queue in a tenant (all pages).</summary>
    public static async Task<List<QueueItem>> ListAllAsync(StorageTestContext context, string queue, TenantId? tenantId, QueueItemStatus? status = null)
    {
        var items = new List<QueueItem>();
        string? token = null;
        do
        {
            var page = await context.Queue.ListAsync(new QueueQuery { Queue = queue, TenantId = tenantId, Status = status, Limit = 1000, ContinuationToken = token });
            items.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return items;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on <paramref name="count"/> dedicated threads that start together, and completes
    /// when all have finished, without blocking a thread-pool thread meanwhile.
    /// </summary>
    public static Task<T[]> RunOnThreadsAsync<T>(int count, Func<int, T> body)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        var remaining = count;
        var done = new TaskCompletionSource<T[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        var start = new Barrier(count);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var thread = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    results[index] = body(index);
                }
                catch (Exception ex)
                {
                    errors[index] = ex;
                }
                finally
                {
                    if (Interlocked.Decrement(ref remaining) == 0)
                    {
                        start.Dispose();
                        var failures = errors.OfType<Exception>().ToArray();
                        if (failures.Length > 0)
                        {
                            done.SetException(new AggregateException("A conformance thread failed.", failures));
                        }
                        else
                        {
                            done.SetResult(results);
                        }
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"conformance-{index}",
            };
            thread.Start();
        }

        return done.Task;
    }
}
