using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Appends a commit's audit events to the tenant's hash chain. The chain head row is locked for the rest of the
/// transaction (<c>SELECT … FOR UPDATE</c> on PostgreSQL; SQLite's single writer holds the whole database), so
/// appends from many processes serialise per tenant and never interleave.
/// </summary>
internal static class AuditAppender
{
    private const string InsertHeadSql =
        "INSERT INTO audit_chain_heads (tenant_id, sequence, hash, updated_at) VALUES (@t, 0, @hash, @now) ON CONFLICT (tenant_id) DO NOTHING";

    private const string UpdateHeadSql = "UPDATE audit_chain_heads SET sequence = @seq, hash = @hash, updated_at = @now WHERE tenant_id = @t";

    public static async Task AppendAsync(SqlDialect dialect, TenantId tenantId, IReadOnlyList<AuditEvent> events, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var head = await LockHeadAsync(dialect, tenantId, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            var insert = dialect.Statement(InsertHeadSql).Text("@t", tenantId.Value).Bytes("@hash", AuditChain.GenesisHash.ToArray()).Instant("@now", now);
            await dialect.ExecuteAsync(connection, transaction, [insert], cancellationToken).ConfigureAwait(false);
            head = await LockHeadAsync(dialect, tenantId, connection, transaction, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The audit chain head of tenant '{tenantId}' could not be created.");
        }

        var statements = new List<Statement>(events.Count + 1);
        foreach (var auditEvent in events)
        {
            var record = AuditChain.Seal(head, auditEvent);
            statements.Add(RowMapping.InsertAuditRecord(dialect, record));
            head = new AuditChainHead(record.Sequence, record.Hash);
        }

        statements.Add(dialect.Statement(UpdateHeadSql)
            .Int64("@seq", head.Sequence)
            .Bytes("@hash", head.Hash.ToArray())
            .Instant("@now", now)
            .Text("@t", tenantId.Value));
        await dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<AuditChainHead?> LockHeadAsync(SqlDialect dialect, TenantId tenantId, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statement = dialect.Statement("SELECT sequence, hash FROM audit_chain_heads WHERE tenant_id = @t" + dialect.ForUpdate).Text("@t", tenantId.Value);
        var command = dialect.RentCommand(connection, transaction, statement);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new AuditChainHead(reader.GetInt64(0), (byte[])reader.GetValue(1));
        }
        finally
        {
            await dialect.ReturnCommandAsync(command).ConfigureAwait(false);
        }
    }
}
