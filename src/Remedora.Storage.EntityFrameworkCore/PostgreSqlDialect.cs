using System.Data;
using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Remedora.Storage.EntityFrameworkCore;

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
