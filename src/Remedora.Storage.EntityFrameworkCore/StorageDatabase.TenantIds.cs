namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Reads lists of tenant ids, shared by the audit log store and its integrator.</summary>
internal abstract partial class StorageDatabase
{
    /// <summary>
    /// Runs a query whose first column is a tenant id and returns the ids in the order read. A value that is not a
    /// valid tenant id (an altered row) names no tenant and is skipped; the tenant's own verification reports it.
    /// </summary>
    public Task<IReadOnlyList<TenantId>> ReadTenantIdsAsync(string sql, CancellationToken cancellationToken)
    {
        var statement = Dialect.Statement(sql);
        return ReadAsync<IReadOnlyList<TenantId>>(
            async (connection, ct) =>
            {
                await using var command = Dialect.Command(connection, null, statement);
                await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var tenants = new List<TenantId>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    if (!reader.IsDBNull(0) && reader.GetValue(0) is string text && TenantId.TryParse(text, out var tenant))
                    {
                        tenants.Add(tenant);
                    }
                }

                return tenants;
            },
            cancellationToken);
    }
}
