using Remedora.Access;

namespace Remedora.Storage;

/// <summary>Answers the access policy's relationship questions from stored care teams and work items.</summary>
public sealed class StorageCareRelationships : ICareRelationships
{
    private readonly IStorageSessionFactory _sessions;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="StorageCareRelationships"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="timeProvider">The clock used to ignore expired work-item leases.</param>
    public StorageCareRelationships(IStorageSessionFactory sessions, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
    {
        await using var session = _sessions.OpenSession(tenantId);
        var query = DocumentQuery<CareTeam>.All.Where("patient", patientId).Take(DocumentQuery<CareTeam>.MaxLimit);
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token), cancellationToken).ConfigureAwait(false);
            if (page.Items.Any(t => t.Includes(practitionerId)))
            {
                return true;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return false;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
    {
        await using var session = _sessions.OpenSession(tenantId);
        var now = _timeProvider.GetUtcNow();
        var page = await session.QueryAsync(
            DocumentQuery<WorkItem>.All.Where("claimedBy", practitionerId).Where("patient", patientId).Where("status", WorkItemStatus.Claimed).Take(DocumentQuery<WorkItem>.MaxLimit),
            cancellationToken).ConfigureAwait(false);
        return page.Items.Any(w => w.LeaseExpiresAt is null || w.LeaseExpiresAt > now);
    }
}
