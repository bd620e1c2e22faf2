using Microsoft.Extensions.Logging;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Source-generated log messages of the EF Core provider: database names, counts and codes, never PHI.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Applying {Count} Remedora storage migrations to {Database}")]
    public static partial void ApplyingMigrations(ILogger logger, int count, string database);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Applied {Count} Remedora storage migrations to {Database}")]
    public static partial void MigrationsApplied(ILogger logger, int count, string database);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Debug, Message = "The Remedora storage schema on {Database} is up to date")]
    public static partial void SchemaUpToDate(ILogger logger, string database);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Debug, Message = "A commit in tenant {TenantId} conflicted on a {ResourceType} (expected version {Expected}, found {Actual}); nothing was written")]
    public static partial void CommitConflict(ILogger logger, string tenantId, string resourceType, long expected, long? actual);

    [LoggerMessage(EventId = 3105, Level = LogLevel.Debug, Message = "A commit in tenant {TenantId} broke unique index {Index} of collection {Collection}; nothing was written")]
    public static partial void UniqueViolation(ILogger logger, string tenantId, string collection, string index);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Information, Message = "Building index {Index} of collection {Collection} on {Database}")]
    public static partial void BuildingIndex(ILogger logger, string collection, string index, string database);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information, Message = "Built index {Index} of collection {Collection}: {Count} documents")]
    public static partial void IndexBuilt(ILogger logger, string collection, string index, long count);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Information, Message = "Removed index {Index} of collection {Collection}, which is no longer declared")]
    public static partial void IndexRemoved(ILogger logger, string collection, string index);
}
