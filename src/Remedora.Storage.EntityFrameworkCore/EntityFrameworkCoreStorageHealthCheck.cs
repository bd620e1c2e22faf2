using System.Data.Common;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Reports whether the storage database answers and its schema is current: healthy when a query succeeds and no
/// shipped migration is missing; unhealthy (the registration's failure status) otherwise.
/// </summary>
internal sealed class EntityFrameworkCoreStorageHealthCheck(EntityFrameworkCoreStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = new Dictionary<string, object> { ["database"] = storage.StorageDatabase.Dialect.Name };
        try
        {
            await storage.StorageDatabase.ReadAsync(
                async (connection, ct) =>
                {
                    await using DbCommand command = connection.CreateCommand();
                    command.CommandText = "SELECT 1";
                    return await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            var pending = await storage.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            data["pendingMigrations"] = pending.Count;
            if (pending.Count > 0)
            {
                return new HealthCheckResult(
                    context.Registration.FailureStatus,
                    $"The Remedora storage schema lacks {pending.Count} migration(s): apply them with MigrateRemedoraStorageAsync(), MigrateOnStartup or the migration script.",
                    data: data);
            }

            return HealthCheckResult.Healthy("The Remedora storage database answers and its schema is current.", data);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The Remedora storage database does not answer.", ex, data);
        }
    }
}
