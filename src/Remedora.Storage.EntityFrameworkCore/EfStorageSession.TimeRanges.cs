using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Remedora.Storage.EntityFrameworkCore;

/// <content>
/// Time-range constraints. Every document of a collection with constraints keeps one row in <c>time_ranges</c> per
/// constraint it takes part in (its group and its range), written in the commit's transaction with the document. A
/// commit checks each range it writes against the other rows of its group after the group is locked:
/// on PostgreSQL by a transaction-scoped advisory lock per (tenant, collection, constraint, group), taken in one order;
/// on SQLite by the transaction itself, which holds the database's only write lock from its start (<c>BEGIN IMMEDIATE</c>).
/// </content>
/// <remarks>
/// <para>Why this is correct under READ COMMITTED: two commits that write ranges of one group both take the group's
/// lock before they count, and hold it until they commit or roll back. The second one's check is a new statement that
/// runs after the lock was granted, that is after the first committed, so its snapshot includes the first one's rows.
/// Capacity N counts what covers each instant (<see cref="TimeRangeConstraint.Fits"/>), which no exclusion constraint can
/// express, so one mechanism serves every capacity; it needs no extension (btree_gist) either.</para>
/// <para>Locks are taken after the document rows and before the audit chain head, in the order of their keys, so
/// commits never wait on each other in a cycle.</para>
/// </remarks>
internal sealed partial class EfStorageSession
{
    /// <summary>The collections whose registered constraints matched the model, per storage: they need no check again.</summary>
    private static readonly ConditionalWeakTable<StorageRuntime, ConcurrentDictionary<string, bool>> ReadyCollections = new();

    /// <summary>The collections this session's commit found matching the database, to remember once the commit has committed.</summary>
    private List<string>? _verifiedCollections;

    private string Schema => _runtime.Database is PostgreSqlStorageDatabase postgres ? postgres.Schema : string.Empty;

    private bool LocksRows => _runtime.Database is PostgreSqlStorageDatabase;

    /// <summary>Keeps the time the written documents hold and checks it against their groups; throws <see cref="TimeRangeConflictException"/> when a range does not fit.</summary>
    private async Task WriteTimeRangesAsync(List<DocumentWrite> writes, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        _verifiedCollections = null;
        if (writes.Count == 0)
        {
            return;
        }

        var ready = ReadyCollections.GetValue(_runtime, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
        Dictionary<(string Collection, string Key), DocumentWrite>? finals = null;
        HashSet<string>? ensured = null;
        foreach (var write in writes)
        {
            if (!ready.ContainsKey(write.Collection.Name) && (ensured ??= new(StringComparer.Ordinal)).Add(write.Collection.Name))
            {
                await EnsureRegisteredAsync(write.Collection, now, connection, transaction, cancellationToken).ConfigureAwait(false);
            }

            if (write.Collection.TimeRanges.Count > 0)
            {
                // The last write of a document decides what it holds after the commit.
                (finals ??= [])[(write.Collection.Name, write.Key)] = write;
            }
        }

        if (finals is null)
        {
            return;
        }

        var held = new List<(DocumentWrite Write, TimeRangeConstraint Constraint, TimeRangeOccupancy Occupancy)>();
        foreach (var write in finals.Values)
        {
            if (write.Kind == WriteKind.Delete)
            {
                continue;
            }

            var document = _runtime.Codec.Decode(write.Collection, write.Data!);
            foreach (var constraint in write.Collection.TimeRanges)
            {
                if (constraint.GetOccupancy(document) is { } occupancy)
                {
                    held.Add((write, constraint, occupancy));
                }
            }
        }

        var statements = new List<Statement>();
        if (LocksRows)
        {
            var schema = Schema;
            var locks = held.Select(h => TimeRangeSql.GroupLock(schema, TenantId, h.Write.Collection.Name, h.Constraint.Name, h.Occupancy.Group)).Distinct().Order();
            statements.AddRange(locks.Select(key => Dialect.Statement(TimeRangeSql.AdvisoryLock).Int64("@lock", key)));
        }

        // Every written document lets go of what it held, then takes what it holds now; only then is each range checked,
        // so the order of writes within the unit of work does not matter (a reschedule may book first and cancel second).
        foreach (var write in finals.Values)
        {
            statements.Add(Dialect.Statement(TimeRangeSql.DeleteDocument).Text("@t", TenantId.Value).Text("@c", write.Collection.Name).Text("@k", write.Key));
        }

        foreach (var (write, constraint, occupancy) in held)
        {
            statements.Add(InsertStatement(TenantId, write.Collection.Name, constraint.Name, write.Key, occupancy));
        }

        await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);

        foreach (var (write, constraint, occupancy) in held)
        {
            if (!await FitsAsync(write, constraint, occupancy, connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                throw new TimeRangeConflictException(write.Collection.ResourceType, write.Collection.Name, constraint.Name, constraint.Capacity);
            }
        }
    }

    private async Task<bool> FitsAsync(DocumentWrite write, TimeRangeConstraint constraint, TimeRangeOccupancy occupancy, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // With capacity 1 any other range is one too many.
        var sql = constraint.Capacity == 1 ? TimeRangeSql.Overlapping + " LIMIT 1" : TimeRangeSql.Overlapping;
        var statement = Dialect.Statement(sql)
            .Text("@t", TenantId.Value)
            .Text("@c", write.Collection.Name)
            .Text("@n", constraint.Name)
            .Text("@g", occupancy.Group)
            .Instant("@s", occupancy.Start)
            .Instant("@e", occupancy.End)
            .Text("@k", write.Key);
        var others = new List<TimeRangeOccupancy>();
        await using (var command = Dialect.Command(connection, transaction, statement))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                others.Add(new TimeRangeOccupancy(occupancy.Group, Dialect.ReadInstant(reader, 0), Dialect.ReadInstant(reader, 1)));
            }
        }

        return constraint.Fits(occupancy, others);
    }

    /// <summary>Remembers the collections the last commit found matching the database; called once that commit has committed.</summary>
    private void MarkTimeRangesVerified()
    {
        if (_verifiedCollections is { } verified)
        {
            var ready = ReadyCollections.GetValue(_runtime, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            foreach (var name in verified)
            {
                ready.TryAdd(name, true);
            }

            _verifiedCollections = null;
        }
    }

    /// <summary>
    /// Makes <c>time_ranges</c> match the collection's declared constraints: rows of constraints no longer declared are
    /// dropped, and a newly declared constraint is filled from the stored documents of every tenant (in this transaction,
    /// so a commit that fails leaves it to the next one). The database's constraints are read first without a lock; only
    /// a change takes the collection's registry lock. A collection found matching is remembered only after the commit
    /// has committed (<see cref="MarkTimeRangesVerified"/>): what this transaction read may include its own (or, in a
    /// SQLite group commit, its batch's) uncommitted changes, which a failed commit takes back.
    /// </summary>
    private async Task EnsureRegisteredAsync(DocumentCollection collection, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var declared = collection.TimeRanges.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var registered = await ReadRegisteredAsync(collection, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (registered.SetEquals(declared))
        {
            (_verifiedCollections ??= []).Add(collection.Name);
            return;
        }

        if (LocksRows)
        {
            var statement = Dialect.Statement(TimeRangeSql.AdvisoryLock).Int64("@lock", TimeRangeSql.RegistryLock(Schema, collection.Name));
            await Dialect.ExecuteAsync(connection, transaction, [statement], cancellationToken).ConfigureAwait(false);
            registered = await ReadRegisteredAsync(collection, connection, transaction, cancellationToken).ConfigureAwait(false);
        }

        var statements = new List<Statement>();
        foreach (var stale in registered.Where(name => !declared.Contains(name)))
        {
            statements.Add(Dialect.Statement(TimeRangeSql.DeleteConstraint).Text("@c", collection.Name).Text("@n", stale));
            statements.Add(Dialect.Statement(TimeRangeSql.Unregister).Text("@c", collection.Name).Text("@n", stale));
        }

        await Dialect.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
        var missing = collection.TimeRanges.Where(r => !registered.Contains(r.Name)).ToList();
        if (missing.Count > 0)
        {
            await FillAsync(collection, missing, now, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<HashSet<string>> ReadRegisteredAsync(DocumentCollection collection, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using var command = Dialect.Command(connection, transaction, Dialect.Statement(TimeRangeSql.Registered).Text("@c", collection.Name));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Fills the rows of newly declared constraints from the stored documents (page by page, every tenant) and registers them.</summary>
    private async Task FillAsync(DocumentCollection collection, List<TimeRangeConstraint> constraints, DateTimeOffset now, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var clear = constraints.Select(c => Dialect.Statement(TimeRangeSql.DeleteConstraint).Text("@c", collection.Name).Text("@n", c.Name)).ToList();
        await Dialect.ExecuteAsync(connection, transaction, clear, cancellationToken).ConfigureAwait(false);
        var (afterTenant, afterKey) = (string.Empty, string.Empty);
        while (true)
        {
            var page = new List<(string Tenant, string Key, string Data)>(TimeRangeSql.PageSize);
            var statement = Dialect.Statement(TimeRangeSql.DocumentsPage).Text("@c", collection.Name).Text("@after_t", afterTenant).Text("@after_k", afterKey);
            await using (var command = Dialect.Command(connection, transaction, statement))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    page.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            var inserts = new List<Statement>();
            foreach (var (tenant, key, data) in page)
            {
                var document = _runtime.Codec.Decode(collection, data);
                foreach (var constraint in constraints)
                {
                    TimeRangeOccupancy? occupancy;
                    try
                    {
                        occupancy = constraint.GetOccupancy(document);
                    }
                    catch (ArgumentException)
                    {
                        // A stored document the constraint cannot place (it ends before it starts) holds no time.
                        occupancy = null;
                    }

                    if (occupancy is { } held)
                    {
                        inserts.Add(InsertStatement(TenantId.Parse(tenant), collection.Name, constraint.Name, key, held));
                    }
                }
            }

            await Dialect.ExecuteAsync(connection, transaction, inserts, cancellationToken).ConfigureAwait(false);
            if (page.Count < TimeRangeSql.PageSize)
            {
                break;
            }

            (afterTenant, afterKey) = (page[^1].Tenant, page[^1].Key);
        }

        var register = constraints.Select(c => Dialect.Statement(TimeRangeSql.Register).Text("@c", collection.Name).Text("@n", c.Name).Instant("@now", now)).ToList();
        await Dialect.ExecuteAsync(connection, transaction, register, cancellationToken).ConfigureAwait(false);
    }

    private Statement InsertStatement(TenantId tenantId, string collection, string constraint, string key, TimeRangeOccupancy occupancy)
        => Dialect.Statement(TimeRangeSql.Insert)
            .Text("@t", tenantId.Value)
            .Text("@c", collection)
            .Text("@n", constraint)
            .Text("@k", key)
            .Text("@g", occupancy.Group)
            .Instant("@s", occupancy.Start)
            .Instant("@e", occupancy.End);
}
