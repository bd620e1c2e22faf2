namespace Remedora.Testing;

/// <summary>Builds an <see cref="Encounter"/>. Start one with <see cref="TestData.Encounter"/>.</summary>
public sealed class EncounterBuilder : CaseRecordBuilder<EncounterBuilder, Encounter>
{
    private EncounterModality _modality = EncounterModality.Async;
    private EncounterStatus _status = EncounterStatus.Planned;
    private Id<Practitioner>? _practitionerId;
    private DateTimeOffset? _startedAt;
    private DateTimeOffset? _endedAt;

    /// <summary>Sets how the interaction takes place.</summary>
    /// <param name="modality">The modality.</param>
    /// <returns>This builder.</returns>
    public EncounterBuilder WithModality(EncounterModality modality)
    {
        _modality = modality;
        return this;
    }

    /// <summary>Sets the practitioner conducting the encounter.</summary>
    /// <param name="practitioner">The practitioner.</param>
    /// <returns>This builder.</returns>
    public EncounterBuilder ConductedBy(Practitioner practitioner)
    {
        ArgumentNullException.ThrowIfNull(practitioner);
        _practitionerId = practitioner.Id;
        return this;
    }

    /// <summary>Marks the encounter in progress.</summary>
    /// <param name="startedAt">When it started; the default is <see cref="TestClock.Start"/>.</param>
    /// <returns>This builder.</returns>
    public EncounterBuilder Started(DateTimeOffset? startedAt = null)
    {
        _status = EncounterStatus.InProgress;
        _startedAt = startedAt ?? TestClock.Start;
        _endedAt = null;
        return this;
    }

    /// <summary>Marks the encounter finished.</summary>
    /// <param name="endedAt">When it ended; the default is 20 minutes after it started.</param>
    /// <returns>This builder.</returns>
    public EncounterBuilder Finished(DateTimeOffset? endedAt = null)
    {
        _startedAt ??= TestClock.Start;
        _status = EncounterStatus.Finished;
        _endedAt = endedAt ?? _startedAt.Value.AddMinutes(20);
        return this;
    }

    /// <summary>Marks the encounter cancelled before it started.</summary>
    /// <returns>This builder.</returns>
    public EncounterBuilder Cancelled()
    {
        _status = EncounterStatus.Cancelled;
        _startedAt = null;
        _endedAt = null;
        return this;
    }

    /// <inheritdoc/>
    public override Encounter Build() => new()
    {
        Id = RecordId,
        TenantId = TenantId,
        PatientId = PatientId,
        CaseId = CaseId,
        Modality = _modality,
        Status = _status,
        PractitionerId = _practitionerId,
        StartedAt = _startedAt,
        EndedAt = _endedAt,
        Version = Version,
    };
}
