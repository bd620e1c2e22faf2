namespace Remedora.CarePaths;

/// <summary>Records an extra audit event about the case.</summary>
/// <param name="Action">What happened.</param>
/// <param name="Detail">A short PHI-free detail, for example <c>prescription-sent</c>.</param>
public sealed record RecordAudit(AuditAction Action, string Detail) : PathEffect;
