namespace Remedora.Storage.InMemory;

/// <summary>A committed audit event (encoded by the codec) waiting for integration.</summary>
internal sealed record PendingAuditRecord(AuditEvent Event, DateTimeOffset CommittedAt);
