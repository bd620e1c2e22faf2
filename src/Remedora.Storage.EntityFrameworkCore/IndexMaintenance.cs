using System.Data.Common;
using System.Globalization;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Keeps <c>document_index_entries</c> in step with the declared indexes: at <see cref="EntityFrameworkCoreStorage.MigrateAsync"/>,
/// every index whose definition (its fields' kinds and options) is not the one recorded in <c>document_index_states</c>
/// is rebuilt from the stored documents, and the entries of indexes no longer declared are removed. Data written before
/// declared indexes (when index values lived in slot columns) is indexed the same way: it has no recorded state.
/// </summary>
internal static class IndexMaintenance
{
    private const int Page = 500;

    /// <summary>Gets the recorded form of an index's definition; a change rebuilds the index.</summary>
    /// <remarks>The expression that computes a value cannot be compared: give an index a new name when it computes something else.</remarks>
    public static string Fingerprint(DocumentIndex index)
        => "v1;" + string.Join(",", index.Kinds.Select(k => k.ToString().ToLowerInvariant())) + (index.IsUnique ? ";unique" : string.Empty) + (index.IsProtected ? ";protected" : string.Empty);

    public static async Task SynchronizeAsync(StorageRuntime runtime, CancellationToken cancellationToken)
    {
        // A read first, so a current database costs one query; collections with work are then handled under a lock,
        // where the states are read again.
        var dialect = runtime.Database.Dialect;
        var recorded = await runtime.Database.ReadAsync(
            async (connection, ct) =>
            {
                var states = new HashSet<(string Collection, string Index, string Fingerprint)>();
                await using var command = dialect.Command(connection, null, dialect.Statement("SELECT collection, index_name, fingerprint FROM document_index_states"));
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    states.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }

                return states;
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var collection in runtime.Model.Collections)
        {
            var current = collection.Indexes.All(i => recorded.Contains((collection.Name, i.Name, Fingerprint(i))))
                && recorded.Count(r => r.Collection == collection.Name) == collection.Indexes.Count;
            if (!current)
            {
                await runtime.Database.WriteAsync((connection, transaction, ct) => SynchronizeAsync(runtime, collection, connection, transaction, ct), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<bool> SynchronizeAsync(StorageRuntime runtime, DocumentCollection collection, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var dialect = runtime.Database.Dialect;
        if (dialect is PostgreSqlDialect)
        {
            // Several hosts may migrate at once: one rebuilds a collection, the others then find it current.
            var lockStatement = dialect.Statement("SELECT pg_advisory_xact_lock(hashtext(@c))").Text("@c", "remedora.index-states." + collection.Name);
            await using var lockCommand = dialect.Command(connection, transaction, lockStatement);
            await lockCommand.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        var select = dialect.Statement("SELECT index_name, fingerprint FROM document_index_states WHERE collection = @c").Text("@c", collection.Name);
        await using (var command = dialect.Command(connection, transaction, select))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                recorded[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var statements = new List<Statement>();
        foreach (var name in recorded.Keys.Where(n => !collection.Indexes.Any(i => i.Name == n)))
        {
            statements.Add(DeleteIndex(dialect, collection.Name, name));
            statements.Add(dialect.Statement("DELETE FROM document_index_states WHERE collection = @c AND index_name = @i").Text("@c", collection.Name).Text("@i", name));
            StorageLog.IndexRemoved(runtime.Logger, collection.Name, name);
        }

        var stale = collection.Indexes.Where(i => !recorded.TryGetValue(i.Name, out var fingerprint) || fingerprint != Fingerprint(i)).ToList();
        foreach (var index in stale)
        {
            StorageLog.BuildingIndex(runtime.Logger, collection.Name, index.Name, dialect.Name);
            statements.Add(DeleteIndex(dialect, collection.Name, index.Name));
        }

        if (statements.Count > 0)
        {
            await dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        }

        if (stale.Count == 0)
        {
            return true;
        }

        var count = await BackfillAsync(runtime, collection, stale, connection, transaction, cancellationToken).ConfigureAwait(false);
        var now = runtime.Now();
        var states = new List<Statement>(stale.Count * 2);
        foreach (var index in stale)
        {
            states.Add(dialect.Statement("DELETE FROM document_index_states WHERE collection = @c AND index_name = @i").Text("@c", collection.Name).Text("@i", index.Name));
            states.Add(dialect.Statement("INSERT INTO document_index_states (collection, index_name, fingerprint, built_at) VALUES (@c, @i, @f, @now)")
                .Text("@c", collection.Name)
                .Text("@i", index.Name)
                .Text("@f", Fingerprint(index))
                .Instant("@now", now));
            StorageLog.IndexBuilt(runtime.Logger, collection.Name, index.Name, count);
        }

        await dialect.ExecuteAsync(connection, transaction, states, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static Statement DeleteIndex(SqlDialect dialect, string collection, string index)
        => dialect.Statement("DELETE FROM document_index_entries WHERE collection = @c AND index_name = @i").Text("@c", collection).Text("@i", index);

    /// <summary>Reads every document of the collection (all tenants, in key order, a page at a time) and writes its entries in the given indexes.</summary>
    private static async Task<long> BackfillAsync(StorageRuntime runtime, DocumentCollection collection, IReadOnlyList<DocumentIndex> indexes, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var dialect = runtime.Database.Dialect;
        string? lastTenant = null;
        string? lastKey = null;
        long count = 0;
        while (true)
        {
            var sql = "SELECT tenant_id, document_key, data FROM documents WHERE collection = @c"
                + (lastTenant is null ? string.Empty : " AND (tenant_id, document_key) > (@lt, @lk)")
                + " ORDER BY tenant_id, document_key LIMIT " + Page.ToString(CultureInfo.InvariantCulture);
            var select = dialect.Statement(sql).Text("@c", collection.Name);
            if (lastTenant is not null)
            {
                select.Text("@lt", lastTenant).Text("@lk", lastKey);
            }

            var rows = new List<(string Tenant, string Key, string Data)>(Page);
            await using (var command = dialect.Command(connection, transaction, select))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            if (rows.Count == 0)
            {
                return count;
            }

            var statements = new List<Statement>(rows.Count * indexes.Count);
            var targets = new List<(DocumentIndex Index, string Tenant)>(statements.Capacity);
            foreach (var (tenant, key, data) in rows)
            {
                var document = runtime.Codec.Decode(collection, data);
                foreach (var index in indexes)
                {
                    statements.Add(IndexEntries.Insert(dialect, tenant, collection.Name, index.Name, key, IndexEntries.Of(collection, runtime.Codec, index, document)));
                    targets.Add((index, tenant));
                }
            }

            var counts = await dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < counts.Length; i++)
            {
                if (counts[i] != 1)
                {
                    // Stored documents already break the declared constraint: nothing is built; fix the data or the declaration.
                    throw new UniqueConstraintViolationException(collection.Name, collection.ResourceType, targets[i].Index.Name);
                }
            }

            count += rows.Count;
            (lastTenant, lastKey, _) = rows[^1];
        }
    }
}
