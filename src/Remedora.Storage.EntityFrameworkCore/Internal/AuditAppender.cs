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

        var records = new AuditRecord[events.Count];
        for (var i = 0; i < records.Length; i++)
        {
            // The codec encodes the free-text fields first (a protecting codec encrypts them), so the chain covers them as stored.
            records[i] = AuditChain.Seal(head, codec.EncodeAuditEvent(events[i]));
            head = new AuditChainHead(records[i].Sequence, records[i].Hash);
        }

        await dialect.WriteAuditRecordsAsync(connection, transaction, tenantId, records, now, cancellationToken).ConfigureAwait(false);
    }
}
