using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

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

/// <summary>SQLite: instants as INTEGER microseconds, ids as lower-case TEXT, one statement at a time (in process, no round trips).</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string Name => "sqlite";

    public override string ForUpdate => string.Empty;

    public override DbType InstantType => DbType.Int64;

    public override DbType UuidType => DbType.String;

    public override DbParameter Parameter(string name, object? value, DbType type)
        => new SqliteParameter(name, value ?? DBNull.Value) { DbType = type };

    public override object Instant(DateTimeOffset value) => SqlValues.ToUnixMicroseconds(value);

    public override object Uuid(Guid value) => value.ToString("D");

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => SqlValues.FromUnixMicroseconds(reader.GetInt64(ordinal));

    public override Guid ReadUuid(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    /// <summary>The most prepared write commands kept per connection.</summary>
    private const int MaxPreparedPerConnection = 64;

    /// <summary>
    /// Write commands kept per open connection, by SQL text. Microsoft.Data.Sqlite prepares a command's statement when it
    /// first runs and keeps it while the text stays the same, but has no cache across commands; the provider keeps its
    /// SQLite connections open between operations, so keeping the commands too saves preparing the same few writes (an
    /// audit insert has 22 columns) on every commit. A connection serves one operation at a time.
    /// </summary>
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<string, DbCommand>> Prepared = new();

    /// <summary>Gets the kept command for a statement's SQL (or a new one when the connection keeps the most already); give it back with <see cref="ReturnCommandAsync"/>.</summary>
    private DbCommand RentCommand(DbConnection connection, DbTransaction? transaction, Statement statement)
    {
        var prepared = Prepared.GetValue(connection, static _ => new Dictionary<string, DbCommand>(StringComparer.Ordinal));
        if (!prepared.TryGetValue(statement.Sql, out var command))
        {
            if (prepared.Count >= MaxPreparedPerConnection)
            {
                return Command(connection, transaction, statement);
            }

            command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            prepared.Add(statement.Sql, command);
        }

        command.Transaction = transaction;
        foreach (var parameter in statement.Parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Reads the head through <see cref="SqliteAuditStatements"/>; the transaction (<c>BEGIN IMMEDIATE</c>) already holds the only write lock.</summary>
    public override Task<AuditChainHead?> LockAuditHeadAsync(DbConnection connection, DbTransaction transaction, TenantId tenantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(SqliteAuditStatements.For((SqliteConnection)connection).ReadHead(tenantId));
    }

    /// <summary>Inserts the records and moves the head through <see cref="SqliteAuditStatements"/> (prepared, bound by position).</summary>
    public override Task WriteAuditRecordsAsync(DbConnection connection, DbTransaction transaction, TenantId tenantId, IReadOnlyList<AuditRecord> records, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statements = SqliteAuditStatements.For((SqliteConnection)connection);
        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            statements.Insert(this, record);
        }

        var last = records[^1];
        statements.UpdateHead(tenantId, new AuditChainHead(last.Sequence, last.Hash), now);
        return Task.CompletedTask;
    }

    /// <summary>Gives back a command from <see cref="RentCommand"/>: a kept one loses its values and transaction, another is disposed.</summary>
    private static ValueTask ReturnCommandAsync(DbCommand command)
    {
        if (command.Connection is { } connection && Prepared.TryGetValue(connection, out var prepared) && prepared.TryGetValue(command.CommandText, out var kept) && ReferenceEquals(kept, command))
        {
            command.Parameters.Clear();
            command.Transaction = null;
            return ValueTask.CompletedTask;
        }

        return command.DisposeAsync();
    }

    public override async Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var counts = new int[statements.Count];
        for (var i = 0; i < statements.Count; i++)
        {
            var command = RentCommand(connection, transaction, statements[i]);
            try
            {
                counts[i] = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The values (possibly protected PHI) are not kept beyond the statement.
                await ReturnCommandAsync(command).ConfigureAwait(false);
            }
        }

        return counts;
    }
}

/// <summary>PostgreSQL: <c>timestamptz</c>, <c>uuid</c>, row locks, and statements sent together in one batch (one round trip).</summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    public static PostgreSqlDialect Instance { get; } = new();

    public override string Name => "postgresql";

    public override string ForUpdate => " FOR UPDATE";

    public override DbType InstantType => DbType.DateTimeOffset;

    public override DbType UuidType => DbType.Guid;

    public override DbParameter Parameter(string name, object? value, DbType type)
    {
        var parameter = new NpgsqlParameter(name, value ?? DBNull.Value);
        if (type == DbType.DateTimeOffset)
        {
            parameter.NpgsqlDbType = NpgsqlDbType.TimestampTz;
        }
        else
        {
            parameter.DbType = type;
        }

        return parameter;
    }

    public override object Instant(DateTimeOffset value) => value.ToUniversalTime();

    public override object Uuid(Guid value) => value;

    public override DateTimeOffset ReadInstant(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override Guid ReadUuid(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override async Task<int[]> ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        var counts = new int[statements.Count];
        if (statements.Count == 0)
        {
            return counts;
        }

        if (statements.Count == 1)
        {
            await using var command = Command(connection, transaction, statements[0]);
            counts[0] = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return counts;
        }

        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = batch.BatchCommands[i].RecordsAffected;
        }

        return counts;
    }
}

/// <summary>A SQL statement and its parameters, built for one dialect.</summary>
internal sealed class Statement(SqlDialect dialect, string sql)
{
    public string Sql { get; } = sql;

    public List<DbParameter> Parameters { get; } = new(8);

    public Statement Text(string name, string? value)
    {
        Parameters.Add(dialect.Parameter(name, value, DbType.String));
        return this;
    }

    public Statement Int64(string name, long? value)
    {
        Parameters.Add(dialect.Parameter(name, value, DbType.Int64));
        return this;
    }

    public Statement Int32(string name, int? value)
    {
        Parameters.Add(dialect.Parameter(name, value, DbType.Int32));
        return this;
    }

    public Statement Bytes(string name, byte[] value)
    {
        Parameters.Add(dialect.Parameter(name, value, DbType.Binary));
        return this;
    }

    public Statement Instant(string name, DateTimeOffset? value)
    {
        Parameters.Add(dialect.Parameter(name, value is { } v ? dialect.Instant(v) : null, dialect.InstantType));
        return this;
    }

    public Statement Uuid(string name, Guid? value)
    {
        Parameters.Add(dialect.Parameter(name, value is { } v ? dialect.Uuid(v) : null, dialect.UuidType));
        return this;
    }
}
