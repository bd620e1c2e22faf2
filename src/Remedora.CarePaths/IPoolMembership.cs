namespace Remedora.CarePaths;

/// <summary>Answers which pools (care teams, clinics' queues) a practitioner takes work from.</summary>
public interface IPoolMembership
{
    /// <summary>Gets a practitioner's pools.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The pools; items routed to other pools are not offered to the practitioner.</returns>
    ValueTask<IReadOnlyCollection<string>> GetPoolsAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default);
}
