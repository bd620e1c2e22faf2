using Remedora.Access;

namespace Remedora.Storage;

/// <summary>
/// Answers the access policy's relationship questions from stored practitioners, care teams and work items.
/// </summary>
/// <remarks>
/// Tenant membership is read from the tenant's <see cref="Practitioner"/> record (it must exist and be
/// <see cref="Practitioner.Active"/>); a positive answer is kept in the <see cref="TenantMembershipCache"/> for
/// <see cref="RemedoraOptions.TenantMembershipCacheDuration"/>. Licences do not decide membership: a coordinator holds
/// none, and a clinician's licence per jurisdiction is checked where it matters, when work is claimed.
/// </remarks>
public sealed class StorageCareRelationships : ICareRelationships
{
    private readonly IStorageSessionFactory _sessions;
    private readonly TimeProvider _timeProvider;
    private readonly TenantMembershipCache? _membership;

    /// <summary>Initializes a new instance of the <see cref="StorageCareRelationships"/> class that reads tenant membership from storage on every question.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="timeProvider">The clock used to ignore expired work-item leases.</param>
    public StorageCareRelationships(IStorageSessionFactory sessions, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _timeProvider = timeProvider;
    }

    /// <summary>Initializes a new instance of the <see cref="StorageCareRelationships"/> class that keeps tenant membership in a cache.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="timeProvider">The clock used to ignore expired work-item leases.</param>
    /// <param name="membership">The cache of active tenant members, shared with <see cref="IRecords{T}"/>, which invalidates it when a practitioner is written.</param>
    public StorageCareRelationships(IStorageSessionFactory sessions, TimeProvider timeProvider, TenantMembershipCache membership)
        : this(sessions, timeProvider)
    {
        ArgumentNullException.ThrowIfNull(membership);
        _membership = membership;
    }

    /// <inheritdoc/>
    public async ValueTask<bool> IsActiveTenantMemberAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default)
    {
        if (tenantId.IsEmpty || practitionerId.IsEmpty)
        {
            return false;
        }

        if (_membership is { } cache && cache.IsRememberedMember(tenantId, practitionerId))
        {
            return true;
        }

        var generation = _membership?.Generation ?? 0;
        await using var session = _sessions.OpenSession(tenantId);
        var practitioner = await session.FindAsync<Practitioner>(practitionerId.ToString(), cancellationToken).ConfigureAwait(false);
        var isMember = practitioner is { Active: true } && practitioner.TenantId == tenantId && practitioner.Id == practitionerId;
        if (isMember)
        {
            _membership?.RememberMember(tenantId, practitionerId, generation);
        }

        return isMember;
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

    /// <inheritdoc/>
    public async ValueTask<bool> CompletedWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, DateTimeOffset completedSince, CancellationToken cancellationToken = default)
    {
        await using var session = _sessions.OpenSession(tenantId);
        var now = _timeProvider.GetUtcNow();
        var query = DocumentQuery<WorkItem>.All
            .Where("patient", patientId)
            .Where("status", WorkItemStatus.Completed)
            .WhereBetween("completedAt", completedSince, null)
            .Take(DocumentQuery<WorkItem>.MaxLimit);
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token), cancellationToken).ConfigureAwait(false);
            if (page.Items.Any(w => w.CompletedBy == practitionerId && w.CompletedAt is { } at && at >= completedSince && at <= now))
            {
                return true;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return false;
    }
}
