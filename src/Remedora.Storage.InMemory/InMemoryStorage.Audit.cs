using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    /// <inheritdoc/>
    public IAsyncEnumerable<AuditChainEntry> ReadChainAsync(TenantId tenantId, long fromSequence = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        CatchUp(tenantId);

        // The chain as of the call: records are only ever appended, so a later commit cannot change what is read. The
        // records are the sealed objects themselves (never serialised), so every one of them is readable.
        var records = State.Audit.TryGetValue(tenantId, out var log) ? log.Records : [];
        return Stream(records, fromSequence, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<AuditChainHead> GetHeadAsync(TenantId tenantId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        CatchUp(tenantId);
        return Task.FromResult(State.Audit.TryGetValue(tenantId, out var log) ? log.Head : TenantAuditLog.Empty.Head);
    }

    /// <inheritdoc/>
    public Task<AuditRecordPage> QueryAsync(TenantId tenantId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPageSize, nameof(query));
        cancellationToken.ThrowIfCancellationRequested();
        CatchUp(tenantId);
        var before = long.MaxValue;
        if (query.ContinuationToken is { } token)
        {
            before = ContinuationToken.Decode(token).OrderValue is long sequence
                ? sequence
                : throw new ArgumentException("The continuation token is malformed: pass the token of a previous page of the same query unchanged.", nameof(query));
        }

        if (!State.Audit.TryGetValue(tenantId, out var log))
        {
            return Task.FromResult(new AuditRecordPage([], null));
        }

        var from = query.From is { } f ? StorageTime.Normalize(f) : (DateTimeOffset?)null;
        var to = query.To is { } t ? StorageTime.Normalize(t) : (DateTimeOffset?)null;
        var page = new List<AuditRecord>(Math.Min(query.Limit + 1, log.Records.Count));
        for (var index = (int)Math.Min(before - 1, log.Records.Count) - 1; index >= 0 && page.Count <= query.Limit; index--)
        {
            var record = log.Records[index];
            var e = record.Event;
            if ((from is null || e.OccurredAt >= from)
                && (to is null || e.OccurredAt < to)
                && (query.ActorId is null || e.ActorId == query.ActorId)
                && (query.PatientId is null || e.PatientId == query.PatientId)
                && (query.Action is null || e.Action == query.Action)
                && (query.Outcome is null || e.Outcome == query.Outcome))
            {
                page.Add(record);
            }
        }

        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = ContinuationToken.Encode(page[^1].Sequence, string.Empty);
        }

        return Task.FromResult(new AuditRecordPage(page, next));
    }

    private static async IAsyncEnumerable<AuditChainEntry> Stream(ImmutableList<AuditRecord> records, long fromSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var index = (int)Math.Min(fromSequence - 1, records.Count); index < records.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return AuditChainEntry.Read(records[index]);
            if (index % 256 == 255)
            {
                await Task.Yield();
            }
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TenantId>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<TenantId> tenants = State.Audit.Where(a => a.Value.Records.Count > 0 || a.Value.Pending.Count > 0).Select(a => a.Key).OrderBy(t => t.Value, StringComparer.Ordinal).ToArray();
        return Task.FromResult(tenants);
    }
}
