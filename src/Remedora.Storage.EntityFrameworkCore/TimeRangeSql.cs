using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>The tables and statements behind time-range constraints.</summary>
internal static class TimeRangeSql
{
    public const string Table = "time_ranges";
    public const string ConstraintsTable = "time_range_constraints";

    public const string DeleteDocument =
        "DELETE FROM time_ranges WHERE tenant_id = @t AND collection = @c AND document_key = @k";

    public const string Insert =
        "INSERT INTO time_ranges (tenant_id, collection, constraint_name, document_key, group_key, starts_at, ends_at) "
        + "VALUES (@t, @c, @n, @k, @g, @s, @e)";

    /// <summary>The ranges of one group that share an instant with [@s, @e), other than the document's own.</summary>
    public const string Overlapping =
        "SELECT starts_at, ends_at FROM time_ranges WHERE tenant_id = @t AND collection = @c AND constraint_name = @n AND group_key = @g "
        + "AND ends_at > @s AND starts_at < @e AND document_key <> @k";

    public const string Registered = "SELECT constraint_name FROM time_range_constraints WHERE collection = @c";

    public const string Register = "INSERT INTO time_range_constraints (collection, constraint_name, created_at) VALUES (@c, @n, @now)";

    public const string Unregister = "DELETE FROM time_range_constraints WHERE collection = @c AND constraint_name = @n";

    public const string DeleteConstraint = "DELETE FROM time_ranges WHERE collection = @c AND constraint_name = @n";

    /// <summary>One page of a collection's documents in every tenant, in key order, after (@after_t, @after_k).</summary>
    public const string DocumentsPage =
        "SELECT tenant_id, document_key, data FROM documents WHERE collection = @c AND (tenant_id > @after_t OR (tenant_id = @after_t AND document_key > @after_k)) "
        + "ORDER BY tenant_id, document_key LIMIT 500";

    public const int PageSize = 500;

    /// <summary>Takes a transaction-scoped advisory lock (PostgreSQL), released when the transaction ends.</summary>
    public const string AdvisoryLock = "SELECT pg_advisory_xact_lock(@lock)";

    /// <summary>
    /// The advisory lock key of one group of one constraint: 64 bits of a SHA-256 of its names. Two groups that share a
    /// key only wait for each other; they never skip a check.
    /// </summary>
    public static long GroupLock(string schema, TenantId tenantId, string collection, string constraint, string group)
        => Key("remedora.time-range", schema, tenantId.Value, collection, constraint, group);

    /// <summary>The advisory lock key under which a collection's constraints are registered and filled.</summary>
    public static long RegistryLock(string schema, string collection)
        => Key("remedora.time-range-registry", schema, collection);

    private static long Key(params string[] parts)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\0', parts));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return BinaryPrimitives.ReadInt64LittleEndian(hash);
    }
}
