using System.Data;
using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>What differs between SQLite and PostgreSQL in the hand-written commands: value types, row locks and batching.</summary>
internal abstract class SqlDialect
{
    /// <summary>Gets the database, as named in metrics and health check data.</summary>
    public abstract string Name { get; }

    /// <summary>Gets " FOR UPDATE" where the database locks rows (PostgreSQL); empty where one writer holds the whole database (SQLite).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>Creates a statement.</summary>
    public Statement Statement(string sql) => new(this, sql);

    /// <summary>Creates a parameter.</summary>
    public abstract DbParameter Parameter(string name, object? value, DbType type);

    /// <summary>Converts an instant to its stored value.</summary>
    public abstract object Instant(DateTimeOffset value);

    /// <summary>Gets the parameter type of instants.</summary>
    public abstract DbType InstantType { get; }

    /// <summary>Converts an id to its stored value.</summary>
    public abstract object Uuid(Guid value);

    /// <summary>Gets the parameter type of ids.</summary>
    public abstract DbType UuidType { get; }

    /// <summary>Reads a stored instant.</summary>
    public abstract DateTimeOffset ReadInstant(DbDataReader reader, int ordinal);

    /// <summary>Reads a stored id.</summary>
    public abstract Guid ReadUuid(DbDataReader reader, int ordinal);

    /// <summary>Executes statements in order and returns each one's affected-row count.</summary>
    public abstract Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Statement> statements, CancellationToken cancellationToken);

    /// <summary>Reads a tenant's audit chain head and locks it for the rest of the transaction; <see langword="null"/> when the tenant has none yet.</summary>
    public virtual async Task<AuditChainHead?> LockAuditHeadAsync(DbConnection connection, DbTransaction transaction, TenantId tenantId, CancellationToken cancellationToken)
    {
        var statement = Statement(RowMapping.SelectAuditHeadSql + ForUpdate).Text("@t", tenantId.Value);
        await using var command = Command(connection, transaction, statement);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return AuditRowDecoder.ReadHead(reader);
    }

    /// <summary>Inserts sealed audit records and moves the tenant's chain head to the last of them; by default as statements executed together.</summary>
    public virtual Task WriteAuditRecordsAsync(DbConnection connection, DbTransaction transaction, TenantId tenantId, IReadOnlyList<AuditRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statements = new List<Statement>(records.Count + 1);
        foreach (var record in records)
        {
            statements.Add(RowMapping.InsertAuditRecord(this, record));
        }

        var last = records[^1];
        statements.Add(Statement(RowMapping.UpdateAuditHeadSql)
            .Int64("@seq", last.Sequence)
            .Bytes("@hash", last.Hash.ToArray())
            .Instant("@now", now)
            .Text("@t", tenantId.Value));
        return ExecuteAsync(connection, transaction, statements, cancellationToken);
    }

    /// <summary>Creates a command for a statement.</summary>
    public DbCommand Command(DbConnection connection, DbTransaction? transaction, Statement statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = statement.Sql;
        foreach (var parameter in statement.Parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public DateTimeOffset? ReadNullableInstant(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : ReadInstant(reader, ordinal);

    public Guid? ReadNullableUuid(DbDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? null : ReadUuid(reader, ordinal);
}
