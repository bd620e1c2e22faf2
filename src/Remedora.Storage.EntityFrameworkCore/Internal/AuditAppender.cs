using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Appends a commit's audit events to the tenant's hash chain. The chain head row is locked for the rest of the
/// transaction (<c>SELECT … FOR UPDATE</c> on PostgreSQL; SQLite's single writer holds the whole database), so
/// appends from many processes serialise per tenant and never interleave.
/// </summary>
internal static class AuditAppender
{
    public static async Task AppendAsync(SqlDialect dialect, IDocumentCodec codec, TenantId tenantId, IReadOnlyList<AuditEvent> events, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var head = await dialect.LockAuditHeadAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            var insert = dialect.Statement(RowMapping.InsertAuditHeadSql).Text("@t", tenantId.Value).Bytes("@hash", AuditChain.GenesisHash.ToArray()).Instant("@now", now);
            await dialect.ExecuteAsync(connection, transaction, [insert], cancellationToken).ConfigureAwait(false);
            head = await dialect.LockAuditHeadAsync(connection, transaction, tenantId, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The audit chain head of tenant '{tenantId}' could not be created.");
        }

        if (head.Unreadable is not null)
        {
            // The head row was altered. It is not signed, so it vouches for nothing an attacker with write access could
            // not also forge: continue the chain after its last stored record (verification reports any break there),
            // and the head written below is whole again.
            head = await LastRecordAsync(dialect, tenantId, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        var records = new AuditRecord[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            // The codec encodes the free-text fields first (a protecting codec encrypts them), so the chain covers them as stored.
            records[i] = AuditChain.Seal(head, codec.EncodeAuditEvent(events[i]));
            head = new AuditChainHead(records[i].Sequence, records[i].Hash);
        }

        await dialect.WriteAuditRecordsAsync(connection, transaction, tenantId, records, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the tenant's last stored record with an integer sequence as a head (its hash, or 32 zero bytes when that is unreadable too).</summary>
    private static async Task<AuditChainHead> LastRecordAsync(SqlDialect dialect, TenantId tenantId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Text sorts above every number in SQLite: the upper bound keeps only integer sequences.
        var statement = dialect.Statement("SELECT sequence, hash FROM audit_records WHERE tenant_id = @t AND sequence >= 1 AND sequence <= 9223372036854775807 ORDER BY sequence DESC LIMIT 1")
            .Text("@t", tenantId.Value);
        await using var command = dialect.Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return new AuditChainHead(0, AuditChain.GenesisHash);
        }

        var last = AuditRowDecoder.ReadHead(reader);
        return last.Unreadable is null ? last : new AuditChainHead(last.Sequence, AuditChain.GenesisHash);
    }
}
