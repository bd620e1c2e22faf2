namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Opens <see cref="EfStorageSession"/>s.</summary>
internal sealed class EfStorageSessionFactory(StorageRuntime runtime) : IStorageSessionFactory
{
    public IStorageSession OpenSession(TenantId tenantId)
    {
        if (tenantId.IsEmpty)
        {
            throw new ArgumentException("A session needs a tenant: pass the tenant id of the records it works on.", nameof(tenantId));
        }

        return new EfStorageSession(runtime, tenantId);
    }
}
