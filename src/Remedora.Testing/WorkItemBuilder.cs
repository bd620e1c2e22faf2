namespace Remedora.Testing;

/// <summary>Builds a <see cref="WorkItem"/>. Start one with <see cref="TestData.WorkItem"/>.</summary>
public sealed class WorkItemBuilder : CaseRecordBuilder<WorkItemBuilder, WorkItem>
{
    /// <summary>How long a claim made with <see cref="ClaimedBy(Practitioner, DateTimeOffset?)"/> lasts by default.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(15);

    private WorkItemKind _kind = WorkItemKind.ReviewIntake;
    private WorkItemPriority _priority = WorkItemPriority.Routine;
    private WorkItemStatus _status = WorkItemStatus.Ready;
    private DateTimeOffset _createdAt = TestClock.Start;
    private DateTimeOffset? _dueAt;
    private Jurisdiction? _requiredJurisdiction;
    private string? _requiredSpecialty;
    private string? _pool;
    private Id<Practitioner>? _assignedTo;
    private Id<Practitioner>? _claimedBy;
    private DateTimeOffset? _leaseExpiresAt;
    private string? _title = "Review test intake";

    /// <summary>Sets the kind of work.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder OfKind(WorkItemKind kind)
    {
        _kind = kind;
        return this;
    }

    /// <summary>Sets the priority.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder WithPriority(WorkItemPriority priority)
    {
        _priority = priority;
        return this;
    }

    /// <summary>Sets when the item was created.</summary>
    /// <param name="createdAt">The time.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder CreatedAt(DateTimeOffset createdAt)
    {
        _createdAt = createdAt;
        return this;
    }

    /// <summary>Sets when the work is due.</summary>
    /// <param name="dueAt">The time; the default is a day after the item was created.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder DueAt(DateTimeOffset dueAt)
    {
        _dueAt = dueAt;
        return this;
    }

    /// <summary>Requires the claiming clinician to be licensed in a jurisdiction.</summary>
    /// <param name="jurisdiction">An ISO 3166 code such as <c>US-CA</c>.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder RequiringLicenceIn(string jurisdiction)
    {
        _requiredJurisdiction = Jurisdiction.Parse(jurisdiction);
        return this;
    }

    /// <summary>Requires the claiming clinician to have a specialty.</summary>
    /// <param name="specialty">The specialty code.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder RequiringSpecialty(string specialty)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specialty);
        _requiredSpecialty = specialty;
        return this;
    }

    /// <summary>Routes the item to a pool.</summary>
    /// <param name="pool">The pool, for example a care team's name.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder InPool(string pool)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pool);
        _pool = pool;
        return this;
    }

    /// <summary>Assigns the item to a practitioner (without claiming it).</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder AssignedTo(Practitioner practitioner)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        _assignedTo = practitioner.Id;
        return this;
    }

    /// <summary>Marks the item claimed (held) by a practitioner under a lease.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <param name="leaseExpiresAt">When the lease expires; the default is <see cref="DefaultLease"/> after <see cref="TestClock.Start"/>.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder ClaimedBy(Practitioner practitioner, DateTimeOffset? leaseExpiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        _status = WorkItemStatus.Claimed;
        _claimedBy = practitioner.Id;
        _leaseExpiresAt = leaseExpiresAt ?? TestClock.Start + DefaultLease;
        return this;
    }

    /// <summary>Sets the status. <see cref="WorkItemStatus.Ready"/> clears a claim.</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder WithStatus(WorkItemStatus status)
    {
        _status = status;
        if (status == WorkItemStatus.Ready)
        {
            _claimedBy = null;
            _leaseExpiresAt = null;
        }

        return this;
    }

    /// <summary>Sets the short description shown in the queue (no patient details).</summary>
    /// <param name="title">The title, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public WorkItemBuilder Titled(string? title)
    {
        _title = title;
        return this;
    }

    /// <inheritdoc/>
    public override WorkItem Build() => new()
    {
        Id = RecordId,
        TenantId = TenantId,
        Kind = _kind,
        PatientId = PatientId,
        CaseId = CaseId,
        Priority = _priority,
        Status = _status,
        CreatedAt = _createdAt,
        DueAt = _dueAt ?? _createdAt.AddDays(1),
        RequiredJurisdiction = _requiredJurisdiction,
        RequiredSpecialty = _requiredSpecialty,
        Pool = _pool,
        AssignedTo = _assignedTo,
        ClaimedBy = _claimedBy,
        LeaseExpiresAt = _leaseExpiresAt,
        Title = _title,
        Version = Version,
    };
}
