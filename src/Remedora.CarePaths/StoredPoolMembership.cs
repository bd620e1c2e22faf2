using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>The default <see cref="IPoolMembership"/>: the stored <see cref="ClinicianPools"/> of the practitioner (none when not set).</summary>
public sealed class StoredPoolMembership : IPoolMembership
{
    private readonly IStorageSessionFactory _sessions;

    /// <summary>Initializes a new instance of the <see cref="StoredPoolMembership"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    public StoredPoolMembership(IStorageSessionFactory sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _sessions = sessions;
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyCollection<string>> GetPoolsAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default)
    {
        await using var session = _sessions.OpenSession(tenantId);
        var pools = await session.FindAsync<ClinicianPools>(practitionerId.ToString(), cancellationToken).ConfigureAwait(false);
        return pools?.Pools ?? [];
    }
}
