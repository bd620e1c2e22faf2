using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>The storage services the audit package's operations share.</summary>
internal sealed record AuditServices(IAuditLogStore Store, IStorageSessionFactory Sessions, AccessGuard Guard, TimeProvider TimeProvider);
