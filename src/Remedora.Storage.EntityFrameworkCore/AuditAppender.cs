using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Adds a commit's audit events to the tenant's backlog (<c>audit_pending</c>): plain inserts with a generated id, no
/// chain head read, no lock other commits of the tenant wait on. <see cref="Internal.EfAuditIntegrator"/> sequences them into
/// the log after commit.
/// </summary>
internal static class AuditAppender
{
    private static long _lastKey;

    /// <summary>The backlog insert; the event columns are those of <c>audit_records</c>.</summary>
    public const string InsertPendingSql =
        "INSERT INTO audit_pending (tenant_id, commit_key, commit_id, position, committed_at, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
        + "source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description) "
        + "VALUES (@t, @key, @id, @pos, @now, @at, @actor, @role, @action, @rtype, @rid, @patient, @outcome, @purpose, @app, @addr, @device, @corr, @bg, @detail, @drecipient, @dpurpose, @ddescription)";

    public static async Task AppendAsync(SqlDialect dialect, IDocumentCodec codec, TenantId tenantId, IReadOnlyList<AuditEvent> events, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>(events.Count);
        var values = new object?[RowMapping.AuditParameterCount];

        // One order key per unit of work (its time, increasing within the process) and a random id for ties between
        // hosts: the integrator takes the backlog in (key, id, position) order, so the records of one commit stay
        // adjacent and in order, and commits of one process keep their order.
        var key = NextKey(now);
        var id = Guid.NewGuid();
        var position = 0;
        foreach (var auditEvent in events)
        {
            // The codec encodes the free-text fields first (a protecting codec encrypts them), so the log covers them as stored.
            var normalized = AuditChain.Normalize(codec.EncodeAuditEvent(auditEvent));
            RowMapping.AuditValues(dialect, new AuditRecord(0, normalized, AuditChain.GenesisHash, AuditChain.GenesisHash), values);
            var statement = dialect.Statement(InsertPendingSql).Text("@t", tenantId.Value).Int64("@key", key).Uuid("@id", id).Int32("@pos", position++).Instant("@now", now);
            for (var i = 2; i < 20; i++)
            {
                statement = RowMapping.AddAuditParameter(dialect, statement, i, values[i]);
            }

            statements.Add(statement);
        }

        await dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets the next order key: the time in microseconds, or one more than the last key when that is not later.</summary>
    private static long NextKey(DateTimeOffset now)
    {
        var time = SqlValues.ToUnixMicroseconds(now);
        while (true)
        {
            var last = Volatile.Read(ref _lastKey);
            var next = Math.Max(time, last + 1);
            if (Interlocked.CompareExchange(ref _lastKey, next, last) == last)
            {
                return next;
            }
        }
    }
}
