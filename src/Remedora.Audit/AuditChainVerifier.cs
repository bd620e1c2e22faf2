using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Remedora.Diagnostics;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Verifies a tenant's hash-chained audit log: streams it once, in constant memory, and reports the first record
/// that cannot be trusted and why (changed, deleted, reordered, inserted, truncated, or rewritten against a signed
/// checkpoint).
/// </summary>
/// <remarks>
/// <para>Every record <c>n</c> must have sequence number <c>n</c>, a previous hash equal to the hash of record
/// <c>n-1</c> (32 zero bytes for the first) and a hash equal to <c>SHA-256(previous hash || canonical bytes)</c>,
/// recomputed from the stored fields. The head read before streaming must match the record at its sequence, and no
/// record may lie beyond the head read afterwards.</para>
/// <para>At the first record that fails a check the verifier looks at the evidence around it (at most one record of
/// look-behind and one of look-ahead, and a forward scan for the record that belongs at the position) to say what
/// happened; docs/audit-and-security.md lists the rules. The verifier reads the chain; it neither changes it nor
/// audits itself, so it can run from a background job. Its result holds sequence numbers only, never record content.</para>
/// </remarks>
public sealed class AuditChainVerifier
{
    private static readonly System.Diagnostics.Metrics.Counter<long> RecordsCounter =
        RemedoraTelemetry.Meter.CreateCounter<long>("remedora.audit.verification.records", unit: "{record}", description: "Audit records verified.");

    private static readonly System.Diagnostics.Metrics.Counter<long> BreaksCounter =
        RemedoraTelemetry.Meter.CreateCounter<long>("remedora.audit.verification.breaks", unit: "{break}", description: "Audit chain verifications that found a broken chain.");

    /// <summary>The most rows without a readable sequence set aside during one walk (memory stays constant).</summary>
    private const int MaxStrays = 64;

    private readonly IAuditLogStore _store;
    private readonly IAuditCheckpointSigner? _signer;
    private readonly ILogger _logger;
    private readonly IAuditLogIntegrator? _integrator;

    /// <summary>Initializes a new instance of the <see cref="AuditChainVerifier"/> class.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="signer">Checks the signatures of checkpoints; <see langword="null"/> when checkpoints are not used.</param>
    /// <param name="logger">The logger; it receives tenant ids, sequence numbers and reasons only.</param>
    /// <param name="integrator">
    /// The provider's integrator, which tells how many committed records are not yet integrated (<see cref="AuditVerificationResult.Backlog"/>);
    /// when <see langword="null"/>, the store's own when it is one.
    /// </param>
    public AuditChainVerifier(IAuditLogStore store, IAuditCheckpointSigner? signer = null, ILogger<AuditChainVerifier>? logger = null, IAuditLogIntegrator? integrator = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _signer = signer;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _integrator = integrator ?? store as IAuditLogIntegrator;
    }

    /// <summary>Verifies a tenant's chain.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">A token to stop verifying.</param>
    /// <returns>The result: intact, or the first break.</returns>
    public Task<AuditVerificationResult> VerifyAsync(TenantId tenantId, CancellationToken cancellationToken = default)
        => VerifyAsync(tenantId, checkpoint: null, cancellationToken);

    /// <summary>
    /// Verifies a tenant's chain and compares it with a signed checkpoint saved earlier, which also exposes a chain that
    /// was rewritten wholesale (every hash recomputed) or cut back together with its head.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="checkpoint">A checkpoint of this tenant's chain, for example from <see cref="AuditCheckpoints.ImportAsync"/>; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">A token to stop verifying.</param>
    /// <returns>The result: intact, or the first break.</returns>
    /// <exception cref="AuditCheckpointInvalidException">The checkpoint belongs to another tenant or its signature does not verify.</exception>
    public async Task<AuditVerificationResult> VerifyAsync(TenantId tenantId, AuditCheckpoint? checkpoint, CancellationToken cancellationToken = default)
    {
        if (tenantId.IsEmpty)
        {
            throw new ArgumentException("The tenant id is empty.", nameof(tenantId));
        }

        if (checkpoint is not null)
        {
            await CheckCheckpointAsync(tenantId, checkpoint, cancellationToken).ConfigureAwait(false);
        }

        using var activity = RemedoraTelemetry.ActivitySource.StartActivity("remedora.audit.verify");
        activity?.SetTag("remedora.tenant", tenantId.Value);

        var head = await _store.GetHeadAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var lastHash = new byte[AuditChain.HashLength];
        var (verified, found) = await WalkAsync(tenantId, head, checkpoint, lastHash, cancellationToken).ConfigureAwait(false);

        if (found is null && head.Unreadable is { } unreadableHead)
        {
            found = HeadUnreadable(verified, unreadableHead);
        }

        if (found is null)
        {
            var after = await _store.GetHeadAsync(tenantId, cancellationToken).ConfigureAwait(false);
            found = after.Unreadable is { } unreadableAfter ? HeadUnreadable(verified, unreadableAfter) : CheckEnd(verified, lastHash, after, checkpoint);
        }

        // Committed records another host has not integrated yet (or that cannot be integrated) are reported, not hidden.
        var backlog = _integrator is null ? AuditBacklog.Empty : await _integrator.GetBacklogAsync(tenantId, cancellationToken).ConfigureAwait(false);
        RecordsCounter.Add(verified, new KeyValuePair<string, object?>("remedora.tenant", tenantId.Value));
        var result = new AuditVerificationResult { TenantId = tenantId, RecordsVerified = verified, Head = head, Break = found, Checkpoint = checkpoint, Backlog = backlog };
        if (found is null)
        {
            AuditLog.ChainIntact(_logger, tenantId.Value, verified);
        }
        else
        {
            BreaksCounter.Add(1, new KeyValuePair<string, object?>("remedora.tenant", tenantId.Value), new KeyValuePair<string, object?>("remedora.audit.reason", found.Reason.ToString()));
            activity?.SetStatus(ActivityStatusCode.Error, found.Reason.ToString());
            AuditLog.ChainBroken(_logger, tenantId.Value, found.Index, found.Reason);
        }

        return result;
    }

    private async Task CheckCheckpointAsync(TenantId tenantId, AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        if (checkpoint.TenantId != tenantId)
        {
            throw new AuditCheckpointInvalidException($"The checkpoint belongs to tenant '{checkpoint.TenantId}', not '{tenantId}'. Verify each tenant against its own checkpoint.");
        }

        if (_signer is null)
        {
            throw new AuditCheckpointInvalidException("No checkpoint signer is configured, so the checkpoint's signature cannot be checked. Configure AuditOptions.CheckpointKeys or register an IAuditCheckpointSigner.");
        }

        if (!await AuditCheckpoint.VerifySignatureAsync(checkpoint, _signer, cancellationToken).ConfigureAwait(false))
        {
            throw new AuditCheckpointInvalidException($"The signature of the checkpoint at sequence {checkpoint.Sequence} of tenant '{tenantId}' does not verify with key '{checkpoint.KeyId}'. The checkpoint was altered or signed with another key.");
        }
    }

    private async Task<(long Verified, AuditChainBreak? Break)> WalkAsync(TenantId tenantId, AuditChainHead head, AuditCheckpoint? checkpoint, byte[] previousHash, CancellationToken cancellationToken)
    {
        var hasher = new RecordHasher();
        var previousPrevious = new byte[AuditChain.HashLength];
        long verified = 0;

        // Unreadable rows whose sequence cannot be read and that do not link where they stand (SQLite sorts a fraction
        // between two records): set aside, and placed by their previous hash once the walk ends or breaks.
        var strays = new List<(long Position, AuditChainEntry Entry)>();
        AuditChainBreak? Finish(AuditChainBreak? found) => PlaceStrays(strays, found, verified + 1, previousHash);
        var enumerator = _store.ReadChainAsync(tenantId, 1, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (enumerator.ConfigureAwait(false))
        {
            var cursor = new Cursor(enumerator);
            while (true)
            {
                var entry = await cursor.NextAsync().ConfigureAwait(false);
                var expected = verified + 1;
                if (entry is null)
                {
                    return (verified, Finish(expected <= head.Sequence
                        ? new AuditChainBreak(expected, AuditBreakReason.Truncated, $"The chain ends after record {verified} but its head is at record {head.Sequence}: records {expected} to {head.Sequence} were removed.")
                        : null));
                }

                if (!entry.IsReadable)
                {
                    if (entry.Sequence is null && entry.PreviousHash is { } link && !link.Span.SequenceEqual(previousHash) && strays.Count < MaxStrays)
                    {
                        strays.Add((expected, entry));
                        continue;
                    }

                    return (verified, Finish(await DiagnoseUnreadableAsync(cursor, hasher, entry, expected, previousHash).ConfigureAwait(false)));
                }

                var record = entry.Record;

                if (record.Sequence == expected
                    && record.PreviousHash.Span.SequenceEqual(previousHash)
                    && hasher.Verify(record, expected))
                {
                    if (expected == head.Sequence && head.Unreadable is null && !record.Hash.Span.SequenceEqual(head.Hash.Span))
                    {
                        // Either this record was forged in front of the original (which follows, linking to the same
                        // predecessor), or it was replaced, or the head row was altered.
                        var next = (await cursor.NextAsync().ConfigureAwait(false))?.Record;
                        return (verified, Finish(next is not null && next.PreviousHash.Span.SequenceEqual(record.PreviousHash.Span) && hasher.Verify(next, expected)
                            ? new AuditChainBreak(expected, AuditBreakReason.Inserted, $"Record {expected} was inserted: the original record {expected} follows it, renumbered to {expected + 1}.")
                            : new AuditChainBreak(expected, AuditBreakReason.Changed, $"Record {expected} does not match the chain head: the record was replaced with a recomputed hash, or the head was altered.")));
                    }

                    if (checkpoint is not null && expected == checkpoint.Sequence && !record.Hash.Span.SequenceEqual(checkpoint.Hash.Span))
                    {
                        return (verified, Finish(new AuditChainBreak(expected, AuditBreakReason.Rewritten, $"Record {expected} differs from the signed checkpoint: the chain was rewritten at or before record {expected}, with every later hash recomputed.")));
                    }

                    previousHash.CopyTo(previousPrevious, 0);
                    record.Hash.Span.CopyTo(previousHash);
                    verified++;
                    continue;
                }

                var found = await DiagnoseAsync(cursor, hasher, record, expected, previousHash, previousPrevious).ConfigureAwait(false);
                return (verified, Finish(found));
            }
        }
    }

    private static async Task<AuditChainBreak> DiagnoseAsync(Cursor cursor, RecordHasher hasher, AuditRecord record, long expected, byte[] previousHash, byte[] previousPrevious)
    {
        if (record.Sequence < expected)
        {
            return new AuditChainBreak(expected, AuditBreakReason.Inserted, $"A second record with sequence {record.Sequence} follows record {expected - 1}: a record was inserted.");
        }

        if (record.Sequence > expected)
        {
            cursor.PushBack(AuditChainEntry.Read(record));
            return await FindElsewhereAsync(cursor, hasher, expected, previousHash).ConfigureAwait(false) is not null
                ? new AuditChainBreak(expected, AuditBreakReason.Reordered, $"Record {expected} is missing from its place but appears later in the chain: records were moved.")
                : new AuditChainBreak(expected, AuditBreakReason.Deleted, $"The chain jumps from record {expected - 1} to record {record.Sequence}: records {expected} to {record.Sequence - 1} were deleted.");
        }

        var linked = record.PreviousHash.Span.SequenceEqual(previousHash);
        var selfConsistent = hasher.Verify(record, expected);
        if (selfConsistent)
        {
            // The record is intact but links to a predecessor other than the one stored: that one was replaced and its
            // hash recomputed (or, for the first record, the chain does not start from the genesis hash).
            return expected == 1
                ? new AuditChainBreak(1, AuditBreakReason.Changed, "Record 1 does not start from the genesis hash: it was replaced.")
                : new AuditChainBreak(expected - 1, AuditBreakReason.Changed, $"Record {expected} links to a different record {expected - 1} than the one stored: record {expected - 1} was replaced and its hash recomputed.");
        }

        if (!linked && expected > 1 && record.PreviousHash.Span.SequenceEqual(previousPrevious) && hasher.Verify(record, expected - 1))
        {
            // This is the original record expected-1, shifted up by one: the record in front of it, which links
            // correctly, was inserted with a forged hash.
            return new AuditChainBreak(expected - 1, AuditBreakReason.Inserted, $"Record {expected - 1} was inserted: the original record {expected - 1} follows it, renumbered to {expected}.");
        }

        var nextEntry = await cursor.NextAsync().ConfigureAwait(false);
        var next = nextEntry?.Record;
        var nextIsOriginal = next is not null && next.PreviousHash.Span.SequenceEqual(previousHash) && hasher.Verify(next, expected);
        if (linked)
        {
            return nextIsOriginal
                ? new AuditChainBreak(expected, AuditBreakReason.Inserted, $"Record {expected} was inserted: the original record {expected} follows it, renumbered to {expected + 1}.")
                : new AuditChainBreak(expected, AuditBreakReason.Changed, $"Record {expected} was altered: its stored hash does not match its content.");
        }

        var displacedFromNext = hasher.Verify(record, expected + 1);
        if (nextIsOriginal)
        {
            // The record that belongs here comes next. If this one belongs next, the two were swapped; otherwise this
            // one is foreign and the rest of the chain was pushed up by it.
            return displacedFromNext
                ? new AuditChainBreak(expected, AuditBreakReason.Reordered, $"Records {expected} and {expected + 1} were swapped.")
                : new AuditChainBreak(expected, AuditBreakReason.Inserted, $"Record {expected} was inserted: the original record {expected} follows it, renumbered to {expected + 1}.");
        }

        if (nextEntry is not null)
        {
            cursor.PushBack(nextEntry);
            if (await FindElsewhereAsync(cursor, hasher, expected, previousHash).ConfigureAwait(false) is { } position)
            {
                return new AuditChainBreak(expected, AuditBreakReason.Reordered, $"Record {expected} was moved: it appears at position {position} of the chain.");
            }
        }

        return displacedFromNext
            ? new AuditChainBreak(expected, AuditBreakReason.Deleted, $"Record {expected} was deleted and the records after it renumbered.")
            : new AuditChainBreak(expected, AuditBreakReason.Changed, $"Record {expected} was altered: its content, hash or link does not match.");
    }

    /// <summary>Scans the rest of the stream for the record that belongs at <paramref name="expected"/>; returns its stored sequence.</summary>
    private static async Task<long?> FindElsewhereAsync(Cursor cursor, RecordHasher hasher, long expected, byte[] previousHash)
    {
        while (await cursor.NextAsync().ConfigureAwait(false) is { } entry)
        {
            if (entry.Record is { } candidate && candidate.PreviousHash.Span.SequenceEqual(previousHash) && hasher.Verify(candidate, expected))
            {
                return candidate.Sequence;
            }
        }

        return null;
    }

    /// <summary>
    /// Diagnoses a stored row that cannot be read. When its sequence can be read and shows that it is not at the position
    /// expected, the chain broke before it (a row missing or moved there, or a duplicate); otherwise the row itself is
    /// the break, at its position.
    /// </summary>
    private static async Task<AuditChainBreak> DiagnoseUnreadableAsync(Cursor cursor, RecordHasher hasher, AuditChainEntry entry, long expected, byte[] previousHash)
    {
        var row = entry.Unreadable!;
        if (row.Sequence is long sequence && sequence < expected)
        {
            return new AuditChainBreak(expected, AuditBreakReason.Inserted, $"A second row with sequence {sequence} follows record {expected - 1}: a row was inserted.");
        }

        if (row.Sequence is long later && later > expected)
        {
            cursor.PushBack(entry);
            return await FindElsewhereAsync(cursor, hasher, expected, previousHash).ConfigureAwait(false) is not null
                ? new AuditChainBreak(expected, AuditBreakReason.Reordered, $"Record {expected} is missing from its place but appears later in the chain: records were moved.")
                : new AuditChainBreak(expected, AuditBreakReason.Deleted, $"The chain jumps from record {expected - 1} to record {later}: records {expected} to {later - 1} were deleted.");
        }

        return Unreadable(expected, row);
    }

    /// <summary>
    /// Places the rows set aside during the walk: one that links to the last verified record belongs at the position the
    /// walk stopped at, which it explains; otherwise the first of them is a foreign row at the position it appeared at,
    /// when that comes before the break the walk found.
    /// </summary>
    private static AuditChainBreak? PlaceStrays(List<(long Position, AuditChainEntry Entry)> strays, AuditChainBreak? found, long expected, byte[] previousHash)
    {
        if (strays.Count == 0)
        {
            return found;
        }

        foreach (var (_, entry) in strays)
        {
            if (entry.PreviousHash!.Value.Span.SequenceEqual(previousHash) && (found is null || found.Index >= expected))
            {
                return Unreadable(expected, entry.Unreadable!);
            }
        }

        var (position, first) = strays[0];
        return found is null || position < found.Index ? Unreadable(position, first.Unreadable!) : found;
    }

    private static AuditChainBreak Unreadable(long index, UnreadableAuditRow row)
        => new(index, AuditBreakReason.Unreadable, $"Record {index} cannot be read: {row.Code}.") { Unreadable = row };

    private static AuditChainBreak HeadUnreadable(long verified, UnreadableAuditRow row)
    {
        var index = Math.Max(verified, 1);
        return new AuditChainBreak(index, AuditBreakReason.Unreadable, $"The chain head cannot be read ({row.Code}), so nothing vouches for record {index} as the last record.") { Unreadable = row };
    }

    private static AuditChainBreak? CheckEnd(long verified, byte[] lastHash, AuditChainHead after, AuditCheckpoint? checkpoint)
    {
        // The head read after streaming is at or beyond every record streamed (records and head commit together), so
        // a record beyond it was not appended through the chain; the head at the start was checked during the walk.
        if (after.Sequence < verified)
        {
            return new AuditChainBreak(after.Sequence + 1, AuditBreakReason.Inserted, $"Records {after.Sequence + 1} to {verified} lie beyond the chain head (record {after.Sequence}): they were added outside the audit log, or the head was reset.");
        }

        if (after.Sequence == verified && verified > 0 && !after.Hash.Span.SequenceEqual(lastHash))
        {
            return new AuditChainBreak(verified, AuditBreakReason.Changed, $"Record {verified} does not match the chain head: the record was replaced with a recomputed hash, or the head was altered.");
        }

        if (checkpoint is not null && checkpoint.Sequence > verified)
        {
            return new AuditChainBreak(verified + 1, AuditBreakReason.Truncated, $"The chain ends after record {verified} but a signed checkpoint covers record {checkpoint.Sequence}: the chain and its head were cut back.");
        }

        return null;
    }

    /// <summary>An async cursor with one record of push-back, so diagnosis can look ahead without buffering the chain.</summary>
    private sealed class Cursor(IAsyncEnumerator<AuditChainEntry> enumerator)
    {
        private AuditChainEntry? _pushedBack;

        public async ValueTask<AuditChainEntry?> NextAsync()
        {
            if (_pushedBack is { } record)
            {
                _pushedBack = null;
                return record;
            }

            return await enumerator.MoveNextAsync().ConfigureAwait(false) ? enumerator.Current : null;
        }

        public void PushBack(AuditChainEntry entry) => _pushedBack = entry;
    }
}
