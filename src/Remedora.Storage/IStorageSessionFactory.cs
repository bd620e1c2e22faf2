namespace Remedora.Storage;

/// <summary>Opens storage sessions. Implemented by each storage provider.</summary>
public interface IStorageSessionFactory
{
    /// <summary>Opens a session (a unit of work) confined to one tenant.</summary>
    /// <param name="tenantId">The tenant; the session can neither read nor write another tenant's rows.</param>
    /// <returns>The session. Dispose it; changes not committed are discarded.</returns>
    IStorageSession OpenSession(TenantId tenantId);
}
