using System.Data;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// The audit chain's statements on one open SQLite connection (read the head, insert a record, move the head), run
/// through SQLite's statement API (SQLitePCLRaw, which Microsoft.Data.Sqlite is built on) on the connection's own
/// handle, so they take part in the connection's transaction and savepoints. Every read through the SDK appends an
/// audit record, so these are the provider's hottest statements: they stay prepared while the connection is open,
/// parameters are bound by position (looked up once, not by name on every execution) and text is encoded into a
/// reused buffer. A connection serves one operation at a time, and so does this.
/// </summary>
internal sealed class SqliteAuditStatements : IDisposable
{
    private const int Done = raw.SQLITE_DONE;
    private const int Row = raw.SQLITE_ROW;

    private static readonly ConditionalWeakTable<SqliteConnection, SqliteAuditStatements> Instances = new();

    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _readHead;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _updateHead;
    private readonly int[] _insertPositions = new int[RowMapping.AuditParameterCount];
    private readonly int _readHeadTenant;
    private readonly int[] _updateHeadPositions;
    private readonly object?[] _values = new object?[RowMapping.AuditParameterCount];
    private byte[] _text = new byte[512];
    private bool _disposed;

    private SqliteAuditStatements(SqliteConnection connection, sqlite3 db)
    {
        _connection = connection;
        _db = db;
        try
        {
            _readHead = Prepare(RowMapping.SelectAuditHeadSql);
            _updateHead = Prepare(RowMapping.UpdateAuditHeadSql);
            _insert = Prepare(RowMapping.InsertAuditSql);
            for (var i = 0; i < _insertPositions.Length; i++)
            {
                _insertPositions[i] = raw.sqlite3_bind_parameter_index(_insert, RowMapping.AuditParameterName(i));
            }

            _readHeadTenant = raw.sqlite3_bind_parameter_index(_readHead, "@t");
            _updateHeadPositions = [.. new[] { "@seq", "@hash", "@now", "@t" }.Select(name => raw.sqlite3_bind_parameter_index(_updateHead, name))];
        }
        catch
        {
            _readHead?.Dispose();
            _updateHead?.Dispose();
            _insert?.Dispose();
            throw;
        }

        // A closed connection gives its handle back to the pool (or closes it): the statements go first.
        connection.StateChange += OnStateChange;
    }

    /// <summary>Gets the statements of an open connection, preparing them on first use.</summary>
    public static SqliteAuditStatements For(SqliteConnection connection)
    {
        if (Instances.TryGetValue(connection, out var statements))
        {
            return statements;
        }

        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        statements = new SqliteAuditStatements(connection, db);
        Instances.AddOrUpdate(connection, statements);
        return statements;
    }

    /// <summary>Reads a tenant's chain head; <see langword="null"/> when the tenant has none yet.</summary>
    public AuditChainHead? ReadHead(TenantId tenantId)
    {
        try
        {
            Check(BindText(_readHead, _readHeadTenant, tenantId.Value));
            var rc = raw.sqlite3_step(_readHead);
            if (rc == Done)
            {
                return null;
            }

            if (rc != Row)
            {
                throw Error(rc);
            }

            // The row as stored: a sequence that is not a non-negative integer or a hash that is not 32 bytes makes the head
            // unreadable (the appender then continues from the last stored record) instead of being misread.
            var sequence = raw.sqlite3_column_type(_readHead, 0) == raw.SQLITE_INTEGER ? raw.sqlite3_column_int64(_readHead, 0) : -1;
            var hash = raw.sqlite3_column_type(_readHead, 1) == raw.SQLITE_BLOB ? raw.sqlite3_column_blob(_readHead, 1).ToArray() : [];
            return sequence >= 0 && hash.Length == AuditChain.HashLength
                ? new AuditChainHead(sequence, hash)
                : new AuditChainHead(Math.Max(sequence, 0), AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(sequence >= 0 ? sequence : null, sequence >= 0 ? "hash" : "sequence", AuditRowProblem.WrongType) };
        }
        finally
        {
            Reset(_readHead);
        }
    }

    /// <summary>Inserts one sealed record.</summary>
    /// <exception cref="SqliteException">SQLite refused the row (for example a duplicate sequence number).</exception>
    public void Insert(SqlDialect dialect, AuditRecord record)
    {
        RowMapping.AuditValues(dialect, record, _values);
        try
        {
            for (var i = 0; i < _values.Length; i++)
            {
                var position = _insertPositions[i];
                Check(_values[i] switch
                {
                    null => raw.sqlite3_bind_null(_insert, position),
                    string text => BindText(_insert, position, text),
                    long number => raw.sqlite3_bind_int64(_insert, position, number),
                    byte[] bytes => raw.sqlite3_bind_blob(_insert, position, bytes),
                    var other => throw new InvalidOperationException($"An audit column value of type {other.GetType().Name} has no SQLite binding."),
                });
            }

            Step(_insert);
        }
        finally
        {
            // Nothing of the record stays behind in the reused array.
            Array.Clear(_values);
            Reset(_insert);
        }
    }

    /// <summary>Moves a tenant's chain head.</summary>
    public void UpdateHead(TenantId tenantId, AuditChainHead head, DateTimeOffset now)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(_updateHead, _updateHeadPositions[0], head.Sequence));
            Check(raw.sqlite3_bind_blob(_updateHead, _updateHeadPositions[1], head.Hash.Span));
            Check(raw.sqlite3_bind_int64(_updateHead, _updateHeadPositions[2], SqlValues.ToUnixMicroseconds(now)));
            Check(BindText(_updateHead, _updateHeadPositions[3], tenantId.Value));
            Step(_updateHead);
            if (raw.sqlite3_changes(_db) != 1)
            {
                throw new InvalidOperationException($"The audit chain head of tenant '{tenantId}' was not found when moving it to sequence {head.Sequence}.");
            }
        }
        finally
        {
            Reset(_updateHead);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _connection.StateChange -= OnStateChange;
        Instances.Remove(_connection);
        _readHead.Dispose();
        _updateHead.Dispose();
        _insert.Dispose();
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement?.Dispose();
            throw Error(rc);
        }

        return statement;
    }

    private int BindText(sqlite3_stmt statement, int position, string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (length > _text.Length)
        {
            _text = new byte[Math.Max(length, _text.Length * 2)];
        }

        // SQLite copies the text (SQLITE_TRANSIENT), so the buffer is free again when this returns.
        var written = Encoding.UTF8.GetBytes(text, _text);
        var rc = raw.sqlite3_bind_text(statement, position, _text.AsSpan(0, written));
        _text.AsSpan(0, written).Clear();
        return rc;
    }

    private void Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc != Done)
        {
            throw Error(rc);
        }
    }

    /// <summary>Readies a statement for its next run and drops its values, so no record stays bound.</summary>
    private static void Reset(sqlite3_stmt statement)
    {
        raw.sqlite3_reset(statement);
        raw.sqlite3_clear_bindings(statement);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc)
    {
        // SQLite's own message names the constraint or condition, never a value.
        var message = raw.sqlite3_errmsg(_db).utf8_to_string();
        return new SqliteException($"SQLite Error {rc}: '{message}'.", rc, raw.sqlite3_extended_errcode(_db));
    }

    private void OnStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Closed)
        {
            Dispose();
        }
    }
}
