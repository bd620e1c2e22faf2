namespace Remedora.CarePaths;

/// <summary>A notice about a case, published through the outbox: ids and codes only.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PatientId">The patient.</param>
/// <param name="PathName">The case's path.</param>
/// <param name="State">The state the case is in.</param>
/// <param name="Code">A PHI-free code, for example an escalation reason.</param>
public sealed record CaseNotice(Guid CaseId, Guid PatientId, string PathName, string State, string? Code = null);
