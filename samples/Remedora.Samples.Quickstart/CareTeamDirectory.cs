using System.Collections.Concurrent;
using Remedora.Access;

namespace Remedora.Samples.Quickstart;

/// <summary>
/// Answers the access policy's relationship questions from the care teams the sample creates. A storage provider
/// replaces it with queries over stored care teams and work items.
/// </summary>
public sealed class CareTeamDirectory : ICareRelationships
{
    private readonly ConcurrentDictionary<Id<CareTeam>, CareTeam> _teams = new();

    /// <summary>Records a care team.</summary>
    /// <param name="team">The team.</param>
    public void Add(CareTeam team)
    {
        ArgumentNullException.ThrowIfNull(team);
        _teams[team.Id] = team;
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(_teams.Values.Any(t => t.TenantId == tenantId && t.PatientId == patientId && t.Includes(practitionerId)));

    /// <inheritdoc/>
    public ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(false);
}
