using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Remedora.Storage.EntityFrameworkCore;

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
