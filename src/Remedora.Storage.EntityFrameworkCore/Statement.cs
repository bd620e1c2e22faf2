using System.Data;
using System.Data.Common;

namespace Remedora.Storage.EntityFrameworkCore;

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
