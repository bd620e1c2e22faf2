using Remedora.Access;

namespace Remedora.Testing;

/// <summary>
/// An <see cref="ICareRelationships"/> that a test programs: it answers exactly what the test told it, so the
/// access policy can be exercised without storage. Thread-safe.
/// </summary>
/// <remarks>
/// A practitioner is an active member of a tenant only once the fake knows their record: through
/// <see cref="AddPractitioner"/>, or any overload that takes a <see cref="Practitioner"/> (which records it as its
/// <see cref="Practitioner.Active"/> flag says), or <see cref="AddTenantMember"/>.
/// </remarks>
/// <example>
/// <code>
/// var relationships = new FakeCareRelationships()
///     .AddCareTeamMember(patient, clinician)
///     .AddHeldWorkItem(patient, pharmacist);
/// var policy = new DefaultAccessPolicy(relationships, TestClock.Create(), Options.Create(new RemedoraOptions()));
/// </code>
/// </example>
public sealed class FakeCareRelationships : ICareRelationships
{
    private readonly Lock _gate = new();
    private readonly HashSet<Relationship> _careTeamMembers = [];
    private readonly HashSet<Relationship> _heldWorkItems = [];
    private readonly HashSet<Relationship> _completedWorkItems = [];
    private readonly Dictionary<(TenantId TenantId, Id<Practitioner> PractitionerId), bool> _members = [];
    private int _lookups;

    /// <summary>Gets how many questions the fake has answered, for tests that count lookups.</summary>
    public int LookupCount => Volatile.Read(ref _lookups);

    /// <summary>Records a practitioner's record: they are an active member of its tenant when it is <see cref="Practitioner.Active"/>, otherwise not.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddPractitioner(Practitioner practitioner)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        lock (_gate)
        {
            _members[(practitioner.TenantId, practitioner.Id)] = practitioner.Active;
        }

        return this;
    }

    /// <summary>Records that a practitioner is an active member of a tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddTenantMember(TenantId tenantId, Id<Practitioner> practitionerId)
    {
        lock (_gate)
        {
            _members[(tenantId, practitionerId)] = true;
        }

        return this;
    }

    /// <summary>Records that a practitioner is no longer a member of a tenant (left it, or was deactivated).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships RemoveTenantMember(TenantId tenantId, Id<Practitioner> practitionerId)
    {
        lock (_gate)
        {
            _members.Remove((tenantId, practitionerId));
        }

        return this;
    }

    /// <summary>Records that a practitioner completed a work item for a patient recently enough to count for any window.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddCompletedWorkItem(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId)
        => Change(_completedWorkItems, new(tenantId, practitionerId, patientId), add: true);

    /// <summary>Records that a practitioner is on a care team of a patient.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddCareTeamMember(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId)
        => Change(_careTeamMembers, new(tenantId, practitionerId, patientId), add: true);

    /// <summary>Records that a practitioner is on a care team of a patient, in the patient's tenant.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="practitioner">The practitioner; they must belong to the patient's tenant.</param>
    /// <returns>This fake.</returns>
    /// <exception cref="TenantMismatchException">The practitioner belongs to another tenant.</exception>
    public FakeCareRelationships AddCareTeamMember(Patient patient, Practitioner practitioner)
        => Change(_careTeamMembers, Between(patient, practitioner), add: true).AddPractitioner(practitioner);

    /// <summary>Records every member of a care team.</summary>
    /// <param name="careTeam">The team.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddCareTeam(CareTeam careTeam)
    {
        ArgumentNullException.ThrowIfNull(careTeam);
        foreach (var member in careTeam.Members)
        {
            AddCareTeamMember(careTeam.TenantId, member.PractitionerId, careTeam.PatientId);
        }

        return this;
    }

    /// <summary>Records that a practitioner left a patient's care team.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships RemoveCareTeamMember(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId)
        => Change(_careTeamMembers, new(tenantId, practitionerId, patientId), add: false);

    /// <summary>Records that a practitioner holds a work item for a patient.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships AddHeldWorkItem(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId)
        => Change(_heldWorkItems, new(tenantId, practitionerId, patientId), add: true);

    /// <summary>Records that a practitioner holds a work item for a patient, in the patient's tenant.</summary>
    /// <param name="patient">The patient.</param>
    /// <param name="practitioner">The practitioner; they must belong to the patient's tenant.</param>
    /// <returns>This fake.</returns>
    /// <exception cref="TenantMismatchException">The practitioner belongs to another tenant.</exception>
    public FakeCareRelationships AddHeldWorkItem(Patient patient, Practitioner practitioner)
        => Change(_heldWorkItems, Between(patient, practitioner), add: true).AddPractitioner(practitioner);

    /// <summary>Records the holder of a claimed work item.</summary>
    /// <param name="workItem">The item; it must be <see cref="WorkItemStatus.Claimed"/> by a practitioner.</param>
    /// <returns>This fake.</returns>
    /// <exception cref="ArgumentException">The item is not claimed.</exception>
    public FakeCareRelationships AddHeldWorkItem(WorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.Status != WorkItemStatus.Claimed || workItem.ClaimedBy is not { } holder)
        {
            throw new ArgumentException("The work item is not held by anyone; build it with ClaimedBy(practitioner).", nameof(workItem));
        }

        return AddHeldWorkItem(workItem.TenantId, holder, workItem.PatientId);
    }

    /// <summary>Records that a practitioner no longer holds a work item for a patient.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="patientId">The patient.</param>
    /// <returns>This fake.</returns>
    public FakeCareRelationships RemoveHeldWorkItem(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId)
        => Change(_heldWorkItems, new(tenantId, practitionerId, patientId), add: false);

    /// <summary>Forgets every relationship and membership and resets <see cref="LookupCount"/>.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _careTeamMembers.Clear();
            _heldWorkItems.Clear();
            _completedWorkItems.Clear();
            _members.Clear();
            _lookups = 0;
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> IsOnCareTeamAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => Answer(_careTeamMembers, new(tenantId, practitionerId, patientId), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<bool> HoldsWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, CancellationToken cancellationToken = default)
        => Answer(_heldWorkItems, new(tenantId, practitionerId, patientId), cancellationToken);

    /// <inheritdoc/>
    public ValueTask<bool> IsActiveTenantMemberAsync(TenantId tenantId, Id<Practitioner> practitionerId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _lookups++;
            return ValueTask.FromResult(_members.TryGetValue((tenantId, practitionerId), out var active) && active);
        }
    }

    /// <inheritdoc/>
    public ValueTask<bool> CompletedWorkItemForAsync(TenantId tenantId, Id<Practitioner> practitionerId, Id<Patient> patientId, DateTimeOffset completedSince, CancellationToken cancellationToken = default)
        => Answer(_completedWorkItems, new(tenantId, practitionerId, patientId), cancellationToken);

    private static Relationship Between(Patient patient, Practitioner practitioner)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(practitioner);
        if (practitioner.TenantId != patient.TenantId)
        {
            throw new TenantMismatchException(ResourceTypes.Practitioner, patient.TenantId, practitioner.TenantId);
        }

        return new(patient.TenantId, practitioner.Id, patient.Id);
    }

    private FakeCareRelationships Change(HashSet<Relationship> set, Relationship relationship, bool add)
    {
        lock (_gate)
        {
            _ = add ? set.Add(relationship) : set.Remove(relationship);
        }

        return this;
    }

    private ValueTask<bool> Answer(HashSet<Relationship> set, Relationship relationship, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _lookups++;
            return ValueTask.FromResult(set.Contains(relationship));
        }
    }

    private readonly record struct Relationship(TenantId TenantId, Id<Practitioner> PractitionerId, Id<Patient> PatientId);
}
