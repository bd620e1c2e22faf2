using System.Runtime.CompilerServices;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>
/// A small in-process storage for the audit tests: sessions that stage audit events and outbox messages and append
/// them at commit through <see cref="AuditChain.Seal"/>, and an <see cref="IAuditLogStore"/> whose records the tests
/// can tamper with directly. Document storage is not needed by these tests.
/// </summary>
internal sealed class TestStorage : IStorageSessionFactory, IAuditLogStore
{
    private readonly object _gate = new();
    private readonly Dictionary<TenantId, List<AuditRecord>> _chains = [];
    private readonly Dictionary<TenantId, AuditChainHead> _heads = [];

    public List<(TenantId Tenant, OutboxMessage Message)> Published { get; } = [];

    /// <summary>Gets or sets a rewrite of the streamed chain, to stand for rows a database could not read.</summary>
    public Func<IReadOnlyList<AuditChainEntry>, IEnumerable<AuditChainEntry>>? StreamRewrite { get; set; }

    public List<AuditRecord> Chain(TenantId tenant)
    {
        lock (_gate)
        {
            return _chains.TryGetValue(tenant, out var chain) ? chain : _chains[tenant] = [];
        }
    }

    public AuditChainHead Head(TenantId tenant)
    {
        lock (_gate)
        {
            return _heads.TryGetValue(tenant, out var head) ? head : new AuditChainHead(0, AuditChain.GenesisHash);
        }
    }

    public void SetHead(TenantId tenant, AuditChainHead head)
    {
        lock (_gate)
        {
            _heads[tenant] = head;
        }
    }

    public IReadOnlyList<AuditEvent> Events(TenantId tenant) => Chain(tenant).Select(r => r.Event).ToArray();

    public IStorageSession OpenSession(TenantId tenantId) => new Session(this, tenantId);

    public void Append(TenantId tenant, IEnumerable<AuditEvent> events)
    {
        lock (_gate)
        {
            var chain = Chain(tenant);
            var head = Head(tenant);
            foreach (var e in events)
            {
                var record = AuditChain.Seal(head, e);
                chain.Add(record);
                head = new AuditChainHead(record.Sequence, record.Hash);
            }

            _heads[tenant] = head;
        }
    }

    public async IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditRecord[] snapshot;
        lock (_gate)
        {
            snapshot = Chain(tenantId).Where(r => r.Sequence >= fromSequence).OrderBy(r => r.Sequence).ToArray();
        }

        IEnumerable<AuditChainEntry> entries = snapshot.Select(AuditChainEntry.Read).ToArray();
        if (StreamRewrite is { } rewrite)
        {
            entries = rewrite(entries.ToArray()).ToArray();
        }

        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }

    public Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default) => Task.FromResult(Head(tenantId));

    public Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        AuditRecord[] matches;
        lock (_gate)
        {
            var after = query.ContinuationToken is null ? long.MaxValue : long.Parse(query.ContinuationToken, System.Globalization.CultureInfo.InvariantCulture);
            matches = Chain(tenantId)
                .Where(r => r.Sequence < after)
                .Where(r => query.From is null || r.Event.OccurredAt >= query.From)
                .Where(r => query.To is null || r.Event.OccurredAt < query.To)
                .Where(r => query.ActorId is null || r.Event.ActorId == query.ActorId)
                .Where(r => query.PatientId is null || r.Event.PatientId == query.PatientId)
                .Where(r => query.Action is null || r.Event.Action == query.Action)
                .Where(r => query.Outcome is null || r.Event.Outcome == query.Outcome)
                .OrderByDescending(r => r.Sequence)
                .Take(query.Limit + 1)
                .ToArray();
        }

        var page = matches.Take(query.Limit).ToArray();
        var token = matches.Length > query.Limit ? page[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new AuditRecordPage(page, token));
    }

    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TenantId>>(_chains.Where(c => c.Value.Count > 0).Select(c => c.Key).Order().ToArray());
        }
    }

    private sealed class Session(TestStorage storage, TenantId tenantId) : IStorageSession
    {
        private readonly List<AuditEvent> _events = [];
        private readonly List<OutboxMessage> _messages = [];

        public TenantId TenantId => tenantId;

        public void Audit(AuditEvent auditEvent)
        {
            ArgumentNullException.ThrowIfNull(auditEvent);
            if (auditEvent.TenantId != tenantId)
            {
                throw new TenantMismatchException("AuditEvent", tenantId, auditEvent.TenantId);
            }

            _events.Add(auditEvent);
        }

        public void Publish(OutboxMessage message) => _messages.Add(message);

        public Task CommitAsync(CancellationToken cancellationToken = default)
        {
            lock (storage._gate)
            {
                storage.Append(tenantId, _events);
                storage.Published.AddRange(_messages.Select(m => (tenantId, m)));
            }

            _events.Clear();
            _messages.Clear();
            return Task.CompletedTask;
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken = default)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public Task<long> CountAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public T Insert<T>(T document)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public T Update<T>(T document)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public void Delete<T>(T document)
            where T : class => throw new NotSupportedException("The audit tests store no documents.");

        public void Enqueue(QueueItem item) => throw new NotSupportedException("The audit tests use no work queue.");

        public void Complete(Lease lease) => throw new NotSupportedException("The audit tests use no work queue.");

        public void Withdraw(Guid itemId) => throw new NotSupportedException("The audit tests use no work queue.");

        public void Release(Lease lease, DateTimeOffset? availableAt = null) => throw new NotSupportedException("The audit tests use no work queue.");

        public void Assign(Guid itemId, string? assignee) => throw new NotSupportedException("The audit tests use no work queue.");

        public void Reschedule(Guid itemId, DateTimeOffset? availableAt, DateTimeOffset? dueAt) => throw new NotSupportedException("The audit tests use no work queue.");

        public void WithdrawMessage(string key) => throw new NotSupportedException("The audit tests use no work queue.");

        public void RescheduleMessage(string key, DateTimeOffset notBefore) => throw new NotSupportedException("The audit tests use no work queue.");
    }
}

/// <summary>Care relationships the tests set directly.</summary>
internal sealed class TestRelationships : ICareRelationships
{
    public HashSet<(Id<Practitioner> Practitioner, Id<Patient> Patient)> CareTeams { get; } = [];

    public ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(CareTeams.Contains((practitionerId, patientId)));

    public ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(false);

    // The audit tests are about recording decisions, not about tenant membership: every practitioner counts as a member.
    public ValueTask<bool> IsActiveTenantMemberAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(!practitionerId.IsEmpty);

    public ValueTask<bool> CompletedWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, DateTimeOffset completedSince, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(false);
}
