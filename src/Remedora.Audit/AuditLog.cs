using Microsoft.Extensions.Logging;

namespace Remedora.Audit;

/// <summary>Source-generated log messages of the audit package: tenant ids, sequence numbers, codes and counts only.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Audit chain of tenant {TenantId} is intact ({Records} records)")]
    public static partial void ChainIntact(ILogger logger, string tenantId, long records);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Audit chain of tenant {TenantId} is broken at record {Index}: {Reason}")]
    public static partial void ChainBroken(ILogger logger, string tenantId, long index, AuditBreakReason reason);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Audit checkpoint of tenant {TenantId} taken at record {Sequence} with key {KeyId}")]
    public static partial void CheckpointCreated(ILogger logger, string tenantId, long sequence, string keyId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Audit settings changed; recorded in the audit log of {Tenants} tenants")]
    public static partial void SettingsRecorded(ILogger logger, int tenants);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error, Message = "Recording an audit settings change failed")]
    public static partial void SettingsRecordFailed(ILogger logger, Exception exception);

    /// <remarks>The reason is free text that may hold clinical content: it is classified PHI, so the logging pipeline
    /// redacts it (with <c>AddPhiRedaction</c> and <c>EnableRedaction</c>) or, without redaction, leaves it out.</remarks>
    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Break-glass access by {Role} {ActorId} to {ResourceType} of patient {PatientId} in tenant {TenantId}: {Reason}")]
    public static partial void BreakGlassAlert(ILogger logger, ActorRole role, string actorId, string resourceType, string patientId, string tenantId, [Phi] string reason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Audit checkpoint of tenant {TenantId} at record {Sequence} has no Merkle root hash: the tree could not be read ({ErrorType})")]
    public static partial void CheckpointWithoutRoot(ILogger logger, string tenantId, long sequence, string errorType);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Warning, Message = "Integrating the audit backlog of tenant {TenantId} failed ({ErrorType}); it is retried on the next pass")]
    public static partial void IntegrationFailed(ILogger logger, string tenantId, string errorType, Exception exception);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Debug, Message = "Integrated {Records} audit records of tenant {TenantId}; its log has {TreeSize} records")]
    public static partial void Integrated(ILogger logger, string tenantId, int records, long treeSize);
}
