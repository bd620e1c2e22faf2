using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Clinical;
using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>
/// Opens care cases and moves them along their paths. Every trigger is one command: the actor's access (through the
/// <see cref="AccessGuard"/>), the trigger's roles, the consent gate, the guards and the case's version are checked;
/// then the new state, the history entry, the audit records, the outbox events, the work items and the SLA timers
/// commit in one unit of work, or nothing does.
/// </summary>
public sealed class CarePathEngine
{
    /// <summary>The queue that holds SLA timers.</summary>
    public const string TimerQueueName = "care-paths.timers";

    /// <summary>The longest idempotency key, in characters.</summary>
    public const int MaxIdempotencyKeyLength = 100;

    private static readonly PathTrigger OpenTrigger = PathTrigger.Create("open");

    private readonly IStorageSessionFactory _sessions;
    private readonly AccessGuard _guard;
    private readonly ICarePathRegistry _registry;
    private readonly TimeProvider _time;
    private readonly CarePathsOptions _options;
    private readonly IConsentGate? _consentGate;
    private readonly IEscalationPolicy _escalation;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="CarePathEngine"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="registry">The registered paths.</param>
    /// <param name="queue">The work queue. Not used since the withdrawal of finished work items' queue entries commits with the transition; kept so that existing registrations and callers compile.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The options.</param>
    /// <param name="consentGate">The consent gate (Intake implements it); without one, states that need consent cannot be entered.</param>
    /// <param name="escalationPolicy">What intake red flags do; the default is <see cref="DefaultEscalationPolicy"/>.</param>
    /// <param name="logger">The logger.</param>
    public CarePathEngine(
        IStorageSessionFactory sessions,
        AccessGuard guard,
        ICarePathRegistry registry,
        IWorkQueue queue,
        TimeProvider timeProvider,
        IOptions<CarePathsOptions> options,
        IConsentGate? consentGate = null,
        IEscalationPolicy? escalationPolicy = null,
        ILogger<CarePathEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _guard = guard;
        _registry = registry;
        _time = timeProvider;
        _options = options.Value;
        _consentGate = consentGate;
        _escalation = escalationPolicy ?? new DefaultEscalationPolicy();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the registered paths.</summary>
    public ICarePathRegistry Registry => _registry;

    /// <summary>Opens a case in its path's initial state, with its facts, the opening history entry, the initial state's effects and the <see cref="CaseOpened"/> event.</summary>
    /// <param name="actor">Who opens it.</param>
    /// <param name="request">The patient, the path and the case's settings.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored case.</returns>
    /// <remarks>
    /// The SDK chooses the case's id. With an idempotency key the id is derived from the tenant, the actor, the patient
    /// and the key, so a retry by the same actor for the same patient finds the case it opened, and any other actor's
    /// or patient's use of the same key opens a case of its own.
    /// </remarks>
    /// <exception cref="CarePathNotFoundException">The path is not registered.</exception>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope, or the care team is not one of the patient's care teams in the tenant (audited as denied).</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not create cases.</exception>
    /// <exception cref="ArgumentException">The idempotency key is invalid, or the same actor already used it for this patient on another path.</exception>
    public async Task<CareCase> OpenCaseAsync(ActorContext actor, OpenCaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ValidateKey(request.IdempotencyKey);
        var definition = _registry.Get(request.PathName);
        using var activity = CarePathsTelemetry.Start("carepaths.open", actor.TenantId);
        activity?.SetTag("remedora.care_path", definition.Name);
        var now = _time.GetUtcNow();
        var caseId = request.IdempotencyKey is { } derivedFrom ? DeriveCaseId(actor, request.PatientId, derivedFrom) : Id<CareCase>.New(_time);
        var access = new AccessRequest(actor, AccessAction.Create, ResourceTypes.CareCase, actor.TenantId, request.PatientId, caseId.ToString());
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, access, cancellationToken).ConfigureAwait(false);
        if (request.CareTeamId is { } careTeamId)
        {
            var team = await session.FindAsync(careTeamId, cancellationToken).ConfigureAwait(false);
            await RequireReferenceAsync(actor, ResourceTypes.CareTeam, careTeamId.ToString(), request.PatientId, team is not null && team.TenantId == actor.TenantId && team.PatientId == request.PatientId, cancellationToken).ConfigureAwait(false);
        }

        if (request.IdempotencyKey is not null && await session.FindAsync(caseId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            var same = SameOpening(existing, request, actor);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return same;
        }

        var careCase = new CareCase
        {
            Id = caseId,
            TenantId = actor.TenantId,
            PatientId = request.PatientId,
            PathName = definition.Name,
            State = definition.InitialState,
            CareTeamId = request.CareTeamId,
            OpenedAt = now,
        };
        var facts = CaseFacts.For(careCase) with { Priority = request.Priority, Refill = request.Refill, StateEnteredAt = now };
        var effects = definition.OpeningEffects(new TransitionRequest(careCase, facts, actor, OpenTrigger, null, now));
        var stored = session.Insert(careCase);
        facts = ApplyFactEffects(facts, effects, now);
        session.Insert(facts);
        session.Insert(new CaseHistoryEntry
        {
            CaseId = caseId,
            TenantId = actor.TenantId,
            PatientId = request.PatientId,
            Sequence = 0,
            PathName = definition.Name,
            Trigger = OpenTrigger.Name,
            ToState = careCase.State,
            ActorId = actor.UserId,
            ActorRole = actor.Role,
            OccurredAt = now,
            IdempotencyKey = request.IdempotencyKey,
        });
        var opened = new CaseOpened { EventId = Guid.CreateVersion7(now), TenantId = actor.TenantId, OccurredAt = now, CaseId = caseId, PatientId = request.PatientId, PathName = definition.Name, State = careCase.State };
        session.Publish(OutboxMessage.Create(CarePathMessageTypes.CaseOpened, opened, $"{caseId}:0:opened"));
        await ApplyEffectsAsync(session, definition, careCase, facts, actor, definition.InitialState, 0, effects, now, cancellationToken).ConfigureAwait(false);
        try
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException) when (request.IdempotencyKey is not null)
        {
            // A concurrent retry with the same key opened the case first.
            await using var retry = _sessions.OpenSession(actor.TenantId);
            var first = await retry.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            return first is null ? throw new InvalidOperationException("The case conflicted on opening but cannot be read back. Retry with the same idempotency key.") : SameOpening(first, request, actor);
        }

        return stored;
    }

    /// <summary>Fires a trigger without an argument on a case.</summary>
    /// <param name="actor">Who fires it.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="options">The idempotency key and expected version, if any.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome: moved, not permitted (with the reasons) or conflict.</returns>
    /// <exception cref="RecordNotFoundException">No such case, or it is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the case but not change it.</exception>
    /// <exception cref="CarePathNotFoundException">The case's path (or state) is not registered.</exception>
    public Task<FireOutcome> FireAsync(ActorContext actor, Id<CareCase> caseId, PathTrigger trigger, FireOptions? options = null, CancellationToken cancellationToken = default)
        => FireCoreAsync(actor, caseId, trigger, null, options, null, null, cancellationToken);

    /// <summary>Fires a trigger with its argument on a case.</summary>
    /// <typeparam name="TArgument">The argument type.</typeparam>
    /// <param name="actor">Who fires it.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="argument">The argument.</param>
    /// <param name="options">The idempotency key and expected version, if any.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome: moved, not permitted (with the reasons) or conflict.</returns>
    /// <exception cref="RecordNotFoundException">No such case, or it is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the case but not change it.</exception>
    /// <exception cref="CarePathNotFoundException">The case's path (or state) is not registered.</exception>
    public Task<FireOutcome> FireAsync<TArgument>(ActorContext actor, Id<CareCase> caseId, PathTrigger<TArgument> trigger, TArgument argument, FireOptions? options = null, CancellationToken cancellationToken = default)
        where TArgument : notnull
        => FireCoreAsync(actor, caseId, trigger, argument, options, null, null, cancellationToken);

    /// <summary>Fires a trigger named by text (for example from an API request) on a case.</summary>
    /// <param name="actor">Who fires it.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="triggerName">The trigger's name; a name the case's path does not know is not permitted.</param>
    /// <param name="argument">The argument, of the trigger's argument type, or <see langword="null"/>.</param>
    /// <param name="options">The idempotency key and expected version, if any.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException">The argument does not match the trigger.</exception>
    public Task<FireOutcome> FireAsync(ActorContext actor, Id<CareCase> caseId, string triggerName, object? argument, FireOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(triggerName);
        return FireCoreAsync(actor, caseId, null, argument, options, null, null, cancellationToken, triggerName);
    }

    /// <summary>
    /// Records an intake submission on its case (red flags, priority) and applies the escalation policy: a case that
    /// must escalate is escalated, a submitted case goes to triage. Idempotent on the submission id.
    /// </summary>
    /// <param name="submission">The event Intake published.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>What was recorded and fired; nothing is recorded when the case is not a case of the event's patient in the event's tenant (that attempt is audited as denied, counted and logged).</returns>
    public async Task<IntakeRecorded> RecordIntakeAsync(IntakeSubmitted submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (submission.CaseId is not { } caseId)
        {
            return new IntakeRecorded(false, null);
        }

        var actor = ActorContext.ForSystem(submission.TenantId, "care-paths.intake");
        CareCase? careCase;
        CaseFacts? facts;
        await using (var session = _sessions.OpenSession(submission.TenantId))
        {
            careCase = await session.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
            facts = await session.FindAsync<CaseFacts>(caseId.ToString(), cancellationToken).ConfigureAwait(false);
        }

        if (careCase is null || careCase.TenantId != submission.TenantId || careCase.PatientId != submission.PatientId)
        {
            // A submission names a case of another patient (or none that exists): never touch that case.
            await RejectIntakeAsync(actor, caseId, careCase?.TenantId == submission.TenantId ? careCase.PatientId : null, cancellationToken).ConfigureAwait(false);
            return new IntakeRecorded(false, null);
        }

        if (facts is null || facts.IntakeSubmissionIds.Contains(submission.SubmissionId, StringComparer.Ordinal))
        {
            return new IntakeRecorded(false, null);
        }

        var definition = _registry.Get(careCase.PathName);
        var assessment = _escalation.Assess(facts, submission);
        var triggers = definition.GetTriggers(careCase.State);
        PathTrigger? trigger = null;
        object? argument = null;
        if (assessment.Escalation is { } escalation && triggers.Contains(CareTriggers.Escalate))
        {
            trigger = CareTriggers.Escalate;
            argument = escalation;
        }
        else if (careCase.State == definition.InitialState && triggers.Contains(CareTriggers.Triage))
        {
            trigger = CareTriggers.Triage;
        }

        CaseFacts Update(CaseFacts f) => f.IntakeSubmissionIds.Contains(submission.SubmissionId, StringComparer.Ordinal)
            ? f
            : f with
            {
                RedFlags = [.. f.RedFlags, .. submission.RedFlags],
                IntakeSubmissionIds = [.. f.IntakeSubmissionIds, submission.SubmissionId],
                Priority = assessment.Priority > f.Priority ? assessment.Priority : f.Priority,
            };

        var outcome = await FireCoreAsync(actor, caseId, trigger ?? OpenTrigger, argument, new FireOptions { IdempotencyKey = $"intake:{submission.SubmissionId}" }, Update, null, cancellationToken, factsOnly: trigger is null).ConfigureAwait(false);
        return new IntakeRecorded(true, trigger is null ? null : outcome);
    }

    /// <summary>Audits (as denied, in the named case's patient's log), counts and logs an intake event whose case is not the event's patient's case in the event's tenant.</summary>
    internal async Task RejectIntakeAsync(ActorContext actor, Id<CareCase> caseId, Id<Patient>? casePatient, CancellationToken cancellationToken)
    {
        CarePathsTelemetry.RecordIntakeRejected();
        CarePathsLog.IntakeRejected(_logger, caseId.Value);
        var request = new AccessRequest(actor, AccessAction.Update, ResourceTypes.CareCase, actor.TenantId, casePatient, caseId.ToString());
        _ = await _guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a case with its facts and the triggers its state permits.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The case.</returns>
    /// <exception cref="RecordNotFoundException">No such case, or it is out of the actor's scope.</exception>
    public async Task<CaseView> GetCaseAsync(ActorContext actor, Id<CareCase> caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var careCase = await ReadAuthorizedAsync(session, actor, caseId, AccessAction.Read, cancellationToken).ConfigureAwait(false);
        var facts = await session.FindAsync<CaseFacts>(caseId.ToString(), cancellationToken).ConfigureAwait(false) ?? CaseFacts.For(careCase);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        var definition = _registry.Get(careCase.PathName);
        return new CaseView(careCase, facts, definition.HasState(careCase.State) ? definition.GetTriggers(careCase.State) : []);
    }

    /// <summary>Gets a case's history, oldest first: the opening (sequence 0) and every move.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The entries.</returns>
    /// <exception cref="RecordNotFoundException">No such case, or it is out of the actor's scope.</exception>
    public async Task<IReadOnlyList<CaseHistoryEntry>> GetHistoryAsync(ActorContext actor, Id<CareCase> caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await ReadAuthorizedAsync(session, actor, caseId, AccessAction.Read, cancellationToken).ConfigureAwait(false);
        var entries = new List<CaseHistoryEntry>();
        var query = DocumentQuery<CaseHistoryEntry>.All.Where("case", caseId).OrderBy("sequence").Take(DocumentQuery<CaseHistoryEntry>.MaxLimit);
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token), cancellationToken).ConfigureAwait(false);
            entries.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries;
    }

    /// <summary>Fires a due SLA timer: the timeout trigger moves the case only if it is still in the state entry the timer was set for, and the timer's lease completes in the same unit of work.</summary>
    /// <param name="timer">The claimed timer.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The outcome, or <see langword="null"/> when the timer was stale (the case had moved on).</returns>
    /// <exception cref="LeaseLostException">Another sweep took the timer over; nothing was written.</exception>
    internal async Task<FireOutcome?> FireTimerAsync(LeasedItem timer, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<TimerPayload>(timer.Item.Payload ?? "{}", JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"SLA timer '{timer.Item.Id}' has no payload.");
        var actor = ActorContext.ForSystem(timer.Item.TenantId, "care-paths.sla");
        if (!string.Equals(timer.Item.Reference, payload.CaseId.ToString(), StringComparison.Ordinal) || !await TimerMatchesCaseAsync(timer, payload, cancellationToken).ConfigureAwait(false))
        {
            // Defence in depth: a timer fires only on the case (and patient) it was set for.
            await using var spend = _sessions.OpenSession(timer.Item.TenantId);
            spend.Complete(timer.Lease);
            await spend.CommitAsync(cancellationToken).ConfigureAwait(false);
            CarePathsLog.TimerMismatch(_logger, timer.Item.Id);
            return null;
        }

        var outcome = await FireCoreAsync(
            actor,
            new Id<CareCase>(payload.CaseId),
            null,
            null,
            new FireOptions { IdempotencyKey = $"sla:{timer.Item.Id:N}" },
            null,
            new TimerContext(timer.Lease, payload),
            cancellationToken,
            payload.Trigger).ConfigureAwait(false);
        CarePathsLog.TimerFired(_logger, payload.CaseId, payload.State, payload.Trigger, outcome is null ? "stale" : CarePathsTelemetry.OutcomeTag(outcome.Status));
        return outcome;
    }

    private async Task<bool> TimerMatchesCaseAsync(LeasedItem timer, TimerPayload payload, CancellationToken cancellationToken)
    {
        await using var session = _sessions.OpenSession(timer.Item.TenantId);
        var careCase = await session.FindAsync(new Id<CareCase>(payload.CaseId), cancellationToken).ConfigureAwait(false);
        return careCase is not null && careCase.TenantId == timer.Item.TenantId && string.Equals(careCase.PatientId.ToString(), timer.Item.SubjectId, StringComparison.Ordinal);
    }

    private async Task<FireOutcome> FireCoreAsync(
        ActorContext actor,
        Id<CareCase> caseId,
        PathTrigger? trigger,
        object? argument,
        FireOptions? options,
        Func<CaseFacts, CaseFacts>? updateFacts,
        TimerContext? timer,
        CancellationToken cancellationToken,
        string? triggerName = null,
        bool factsOnly = false)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ValidateKey(options?.IdempotencyKey);

        // A command's key is the actor's: another actor's use of the same key on the case is a fresh command.
        var key = options?.IdempotencyKey is { } given ? ScopeKey(actor, given) : null;
        using var activity = CarePathsTelemetry.Start("carepaths.fire", actor.TenantId);
        var now = _time.GetUtcNow();
        var access = new AccessRequest(actor, AccessAction.Update, ResourceTypes.CareCase, actor.TenantId, null, caseId.ToString());
        await using var session = _sessions.OpenSession(actor.TenantId);
        var careCase = await ReadAuthorizedAsync(session, actor, caseId, AccessAction.Update, cancellationToken).ConfigureAwait(false);
        access = access with { PatientId = careCase.PatientId };
        var definition = _registry.Get(careCase.PathName);
        trigger ??= definition.FindTrigger(triggerName!) ?? PathTrigger.Create(triggerName!);
        activity?.SetTag("remedora.care_path", definition.Name);
        activity?.SetTag("remedora.trigger", trigger.Name);

        if (key is not null && await session.FindAsync<CommandReceipt>(CommandReceipt.KeyOf(caseId, key), cancellationToken).ConfigureAwait(false) is { } receipt)
        {
            session.Audit(TransitionAudit(actor, careCase, now, AuditOutcome.Success, $"replay:{receipt.Trigger}:{receipt.HistorySequence}"));
            if (timer is not null)
            {
                session.Complete(timer.Lease);
            }

            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            activity?.SetTag("remedora.outcome", "replay");
            return Replay(receipt, careCase);
        }

        var facts = await session.FindAsync<CaseFacts>(caseId.ToString(), cancellationToken).ConfigureAwait(false) ?? CaseFacts.For(careCase);
        if (timer is not null && (facts.TransitionCount != timer.Payload.Sequence || careCase.State != timer.Payload.State))
        {
            // The case left the state entry this deadline was set for: the timer is spent.
            session.Complete(timer.Lease);
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return null!;
        }

        if (options?.ExpectedVersion is { } expected && expected != careCase.Version)
        {
            session.Audit(TransitionAudit(actor, careCase, now, AuditOutcome.Failed, $"conflict:{trigger.Name}"));
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return Finish(definition, careCase, trigger, FireStatus.Conflict, activity) with { ConflictingVersion = careCase.Version };
        }

        var updatedFacts = updateFacts?.Invoke(facts) ?? facts;
        TransitionResult result;
        if (factsOnly)
        {
            result = null!;
        }
        else
        {
            var consent = await CheckConsentAsync(session, definition, careCase, trigger, now, cancellationToken).ConfigureAwait(false);
            result = definition.Fire(new TransitionRequest(careCase, updatedFacts, actor, trigger, argument, now) { Consent = consent });
        }

        if (factsOnly || !result.IsMoved)
        {
            if (!factsOnly)
            {
                session.Audit(TransitionAudit(actor, careCase, now, AuditOutcome.Failed, $"not-permitted:{trigger.Name}:{string.Join(",", result.Refusals.Select(r => r.Code))}"));
            }

            if (!ReferenceEquals(updatedFacts, facts))
            {
                StageFacts(session, updatedFacts);
                session.Audit(AuditEvent.For(actor, AuditAction.Update, CarePathCollections.Facts.ResourceType, caseId.ToString(), careCase.PatientId, AuditOutcome.Success, now) with { Detail = "facts-recorded" });
            }

            if (timer is not null)
            {
                session.Complete(timer.Lease);
            }

            try
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException ex)
            {
                await _guard.RecordFailureAsync(access, ex.Code, cancellationToken).ConfigureAwait(false);
                return Finish(definition, careCase, trigger, FireStatus.Conflict, activity) with { ConflictingVersion = ex.ActualVersion };
            }

            if (factsOnly)
            {
                return new FireOutcome { Status = FireStatus.NotPermitted, Case = careCase, Trigger = trigger.Name, FromState = careCase.State, ToState = careCase.State };
            }

            CarePathsLog.NotPermitted(_logger, caseId.Value, trigger.Name, careCase.State, string.Join(",", result.Refusals.Select(r => r.Code)));
            return Finish(definition, careCase, trigger, FireStatus.NotPermitted, activity) with { Refusals = result.Refusals };
        }

        var sequence = facts.TransitionCount + 1;
        var moved = careCase with
        {
            State = result.Destination,
            ClosedAt = definition.IsFinal(result.Destination) ? now : careCase.ClosedAt,
        };
        var stored = session.Update(moved);
        var newFacts = ApplyFactEffects(updatedFacts, result.Effects, now) with { TransitionCount = sequence, StateEnteredAt = now };
        StageFacts(session, newFacts);
        session.Insert(new CaseHistoryEntry
        {
            CaseId = caseId,
            TenantId = careCase.TenantId,
            PatientId = careCase.PatientId,
            Sequence = sequence,
            PathName = definition.Name,
            Trigger = trigger.Name,
            FromState = careCase.State,
            ToState = result.Destination,
            ActorId = actor.UserId,
            ActorRole = actor.Role,
            OccurredAt = now,
            Detail = result.Effects.OfType<RecordEscalation>().Select(e => $"escalation:{e.Reason}").FirstOrDefault(),
            IdempotencyKey = options?.IdempotencyKey,
        });
        session.Audit(TransitionAudit(actor, careCase, now, AuditOutcome.Success, $"transition:{trigger.Name}:{careCase.State}->{result.Destination}"));
        var transitioned = new CaseTransitioned
        {
            EventId = Guid.CreateVersion7(now),
            TenantId = careCase.TenantId,
            OccurredAt = now,
            CaseId = caseId,
            PatientId = careCase.PatientId,
            PathName = definition.Name,
            Trigger = trigger.Name,
            FromState = careCase.State,
            ToState = result.Destination,
            Sequence = sequence,
        };
        session.Publish(OutboxMessage.Create(CarePathMessageTypes.CaseTransitioned, transitioned, $"{caseId}:{sequence}:transitioned"));
        if (timer is not null)
        {
            var breach = new SlaBreached
            {
                EventId = Guid.CreateVersion7(now),
                TenantId = careCase.TenantId,
                OccurredAt = now,
                CaseId = caseId,
                PatientId = careCase.PatientId,
                PathName = definition.Name,
                State = careCase.State,
                Trigger = trigger.Name,
                Deadline = timer.Payload.Deadline,
            };
            session.Publish(OutboxMessage.Create(CarePathMessageTypes.SlaBreached, breach, $"{caseId}:{sequence}:sla-breached"));
            session.Complete(timer.Lease);
        }

        await ApplyEffectsAsync(session, definition, moved, newFacts, actor, result.Destination, sequence, result.Effects, now, cancellationToken).ConfigureAwait(false);
        if (key is not null)
        {
            session.Insert(new CommandReceipt
            {
                CaseId = caseId,
                TenantId = careCase.TenantId,
                PatientId = careCase.PatientId,
                IdempotencyKey = key,
                Trigger = trigger.Name,
                FromState = careCase.State,
                ToState = result.Destination,
                HistorySequence = sequence,
                RecordedAt = now,
            });
        }

        try
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex)
        {
            if (key is not null)
            {
                await using var retry = _sessions.OpenSession(actor.TenantId);
                if (await retry.FindAsync<CommandReceipt>(CommandReceipt.KeyOf(caseId, key), cancellationToken).ConfigureAwait(false) is { } winner)
                {
                    var current = await retry.FindAsync(caseId, cancellationToken).ConfigureAwait(false) ?? careCase;
                    return Replay(winner, current);
                }
            }

            await _guard.RecordFailureAsync(access, ex.Code, cancellationToken).ConfigureAwait(false);
            CarePathsLog.Conflict(_logger, caseId.Value, trigger.Name, ex.Code);
            return Finish(definition, careCase, trigger, FireStatus.Conflict, activity) with { ConflictingVersion = ex.ActualVersion };
        }

        if (timer is not null)
        {
            CarePathsTelemetry.RecordSlaBreach(definition.Name, careCase.State);
        }

        CarePathsLog.Moved(_logger, caseId.Value, definition.Name, careCase.State, result.Destination, trigger.Name);
        return Finish(definition, stored, trigger, FireStatus.Moved, activity) with { FromState = careCase.State, HistorySequence = sequence };
    }

    private static FireOutcome Finish(CarePathDefinition definition, CareCase careCase, PathTrigger trigger, FireStatus status, System.Diagnostics.Activity? activity)
    {
        CarePathsTelemetry.RecordTransition(definition.Name, trigger.Name, status);
        activity?.SetTag("remedora.outcome", CarePathsTelemetry.OutcomeTag(status));
        return new FireOutcome { Status = status, Case = careCase, Trigger = trigger.Name, FromState = careCase.State, ToState = careCase.State };
    }

    private static FireOutcome Replay(CommandReceipt receipt, CareCase current) => new()
    {
        Status = FireStatus.Moved,
        Case = current,
        Trigger = receipt.Trigger,
        FromState = receipt.FromState,
        ToState = receipt.ToState,
        HistorySequence = receipt.HistorySequence,
        IsReplay = true,
    };

    private async Task<CareCase> ReadAuthorizedAsync(IStorageSession session, ActorContext actor, Id<CareCase> caseId, AccessAction action, CancellationToken cancellationToken)
    {
        var careCase = await session.FindAsync(caseId, cancellationToken).ConfigureAwait(false);
        if (careCase is null)
        {
            await _guard.RecordFailureAsync(new AccessRequest(actor, action, ResourceTypes.CareCase, actor.TenantId, null, caseId.ToString()), RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(ResourceTypes.CareCase, caseId.ToString());
        }

        await _guard.AuthorizeAsync(session, new AccessRequest(actor, action, ResourceTypes.CareCase, careCase.TenantId, careCase.PatientId, caseId.ToString()), cancellationToken).ConfigureAwait(false);
        return careCase;
    }

    /// <summary>
    /// Checks a record a command names (a care team, a practitioner...): it must exist in the actor's tenant, belong to
    /// <paramref name="patientId"/> and be in the actor's scope. Otherwise the attempt is audited as denied and the
    /// command fails exactly as for an id that does not exist.
    /// </summary>
    private async Task RequireReferenceAsync(ActorContext actor, string resourceType, string id, Id<Patient> patientId, bool belongs, CancellationToken cancellationToken)
    {
        var request = new AccessRequest(actor, AccessAction.Read, resourceType, actor.TenantId, patientId, id);
        if (!belongs || !(await _guard.EvaluateAsync(request, cancellationToken).ConfigureAwait(false)).IsAllowed)
        {
            throw await _guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ConsentCheckResult?> CheckConsentAsync(IStorageSession session, CarePathDefinition definition, CareCase careCase, PathTrigger trigger, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!definition.HasState(careCase.State) || definition.GetRequiredConsent(careCase.State, trigger) is not { } kind)
        {
            return null;
        }

        if (_consentGate is null)
        {
            return new ConsentCheckResult(false, null, "no consent gate is registered");
        }

        var patient = await session.FindAsync<Patient>(careCase.PatientId.ToString(), cancellationToken).ConfigureAwait(false);
        if (patient is null)
        {
            return new ConsentCheckResult(false, null, "patient record missing");
        }

        return await _consentGate.CheckAsync(new ConsentCheckRequest(careCase.TenantId, careCase.PatientId, kind, patient.Jurisdiction, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stages a transition's effects in its session: messages, work items (documents and queue entries), the
    /// withdrawal of the queue entries of work items it closes, timers and audit records; all commit together or not
    /// at all.
    /// </summary>
    private async Task ApplyEffectsAsync(IStorageSession session, CarePathDefinition definition, CareCase careCase, CaseFacts facts, ActorContext actor, string state, long sequence, IReadOnlyList<PathEffect> effects, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var withdraw = new List<Guid>();
        List<WorkItem>? existing = null;
        List<WorkItem>? open = null;
        Patient? patient = null;
        var index = 0;
        foreach (var effect in effects)
        {
            index++;
            switch (effect)
            {
                case PublishMessage publish:
                    session.Publish(OutboxMessage.Create(publish.MessageType, publish.Payload, $"{careCase.Id}:{sequence}:{index}"));
                    break;

                case CloseWorkItems close:
                    existing ??= await OpenWorkItemsAsync(session, careCase.Id, cancellationToken).ConfigureAwait(false);
                    open ??= [.. existing];
                    for (var i = 0; i < open.Count; i++)
                    {
                        var item = open[i];
                        if ((close.Kind is null || item.Kind == close.Kind) && item.Status is WorkItemStatus.Ready or WorkItemStatus.Claimed)
                        {
                            open[i] = close.Status == WorkItemStatus.Completed
                                ? item with { Status = close.Status, LeaseExpiresAt = null, CompletedAt = now, CompletedBy = actor.PractitionerId }
                                : item with { Status = close.Status, LeaseExpiresAt = null };
                            withdraw.Add(item.Id.Value);
                        }
                    }

                    break;

                case CreateWorkItem create:
                    if (create.RequiresLicence && patient is null)
                    {
                        patient = await session.FindAsync<Patient>(careCase.PatientId.ToString(), cancellationToken).ConfigureAwait(false);
                    }

                    var assignee = create.AssignTo;
                    var assignedPractitioner = assignee is { } assignedTo ? await session.FindAsync(assignedTo, cancellationToken).ConfigureAwait(false) : null;
                    if (assignee is not null && (assignedPractitioner is null || !assignedPractitioner.Active || assignedPractitioner.TenantId != careCase.TenantId))
                    {
                        // Work assigned to someone who is not an active practitioner of the tenant would wait unseen: queue it for everyone eligible.
                        assignee = null;
                    }

                    var priority = create.Priority ?? facts.Priority;
                    var due = now + (create.DueIn ?? definition.GetSla(state)?.For(priority) ?? _options.DefaultWorkItemDue);
                    var workItem = new WorkItem
                    {
                        Id = new Id<WorkItem>(Guid.CreateVersion7(now)),
                        TenantId = careCase.TenantId,
                        Kind = create.Kind,
                        PatientId = careCase.PatientId,
                        CaseId = careCase.Id,
                        Priority = priority,
                        CreatedAt = now,
                        DueAt = due,
                        RequiredJurisdiction = create.RequiresLicence ? patient?.Jurisdiction : null,
                        RequiredSpecialty = create.RequiredSpecialty is { } s ? ReviewQueue.NormalizeSkill(s) : null,
                        Pool = create.Pool ?? (careCase.CareTeamId is { } team ? ReviewQueue.CareTeamPool(team) : null),
                        AssignedTo = assignee,
                        Title = create.Title,
                    };
                    existing ??= await OpenWorkItemsAsync(session, careCase.Id, cancellationToken).ConfigureAwait(false);
                    (open ??= [.. existing]).Add(workItem);
                    session.Enqueue(ReviewQueue.ToQueueItem(workItem));
                    break;

                case StartTimer start:
                    var payload = new TimerPayload(careCase.Id.Value, definition.Name, state, sequence, start.Trigger.Name, start.Deadline);
                    session.Enqueue(new QueueItem
                    {
                        Id = Guid.CreateVersion7(now),
                        TenantId = careCase.TenantId,
                        Queue = TimerQueueName,
                        DueAt = start.Deadline,
                        AvailableAt = start.Deadline,
                        SubjectId = careCase.PatientId.ToString(),
                        Reference = careCase.Id.ToString(),
                        MessageType = start.Trigger.Name,
                        Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
                        IdempotencyKey = $"{careCase.Id}:{sequence}:timer",
                    });
                    break;

                case RecordAudit audit:
                    session.Audit(AuditEvent.For(actor, audit.Action, ResourceTypes.CareCase, careCase.Id.ToString(), careCase.PatientId, AuditOutcome.Success, now) with { Detail = audit.Detail });
                    break;
            }
        }

        if (open is not null && existing is not null)
        {
            foreach (var item in open)
            {
                var before = existing.Find(e => e.Id == item.Id);
                if (before is null)
                {
                    session.Insert(item);
                    session.Audit(AuditEvent.For(actor, AuditAction.Create, ResourceTypes.WorkItem, item.Id.ToString(), item.PatientId, AuditOutcome.Success, now) with { Detail = $"work-item:{item.Kind}" });
                }
                else if (before.Status != item.Status)
                {
                    session.Update(item);
                    session.Audit(AuditEvent.For(actor, AuditAction.Update, ResourceTypes.WorkItem, item.Id.ToString(), item.PatientId, AuditOutcome.Success, now) with { Detail = $"work-item:{item.Status}" });
                }
            }

            // Only items that were open before this transition have a committed queue entry to withdraw.
            foreach (var itemId in withdraw.Where(id => existing.Exists(e => e.Id.Value == id)))
            {
                session.Withdraw(itemId);
            }
        }
    }

    private static async Task<List<WorkItem>> OpenWorkItemsAsync(IStorageSession session, Id<CareCase> caseId, CancellationToken cancellationToken)
    {
        var items = new List<WorkItem>();
        var query = DocumentQuery<WorkItem>.All.Where("case", caseId).Take(DocumentQuery<WorkItem>.MaxLimit);
        string? token = null;
        do
        {
            var page = await session.QueryAsync(query.After(token), cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items.Where(w => w.Status is WorkItemStatus.Ready or WorkItemStatus.Claimed));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return items;
    }

    private static CaseFacts ApplyFactEffects(CaseFacts facts, IReadOnlyList<PathEffect> effects, DateTimeOffset now)
    {
        foreach (var effect in effects)
        {
            facts = effect switch
            {
                SetPriority p => facts with { Priority = p.Priority },
                RecordEscalation e => facts with { Escalations = [.. facts.Escalations, new EscalationRecord(e.Reason, now, e.Code)] },
                SetValue { Value: null } v => facts with { Values = facts.Values.Where(kv => kv.Key != v.Key).ToDictionary(StringComparer.Ordinal) },
                SetValue v => facts with { Values = new Dictionary<string, string>(facts.Values, StringComparer.Ordinal) { [v.Key] = v.Value! } },
                _ => facts,
            };
        }

        return facts;
    }

    private static void StageFacts(IStorageSession session, CaseFacts facts)
    {
        if (facts.Version == 0)
        {
            session.Insert(facts);
        }
        else
        {
            session.Update(facts);
        }
    }

    private static AuditEvent TransitionAudit(ActorContext actor, CareCase careCase, DateTimeOffset now, AuditOutcome outcome, string detail)
        => AuditEvent.For(actor, AuditAction.Update, ResourceTypes.CareCase, careCase.Id.ToString(), careCase.PatientId, outcome, now) with { Detail = detail };

    /// <summary>
    /// Returns the case a retry with the same key opened. The id is derived from the tenant, actor, patient and key,
    /// so the stored case is the same actor's case for the same patient; only its path can differ (a reused key).
    /// </summary>
    private static CareCase SameOpening(CareCase existing, OpenCaseRequest request, ActorContext actor)
    {
        if (existing.TenantId != actor.TenantId || existing.PatientId != request.PatientId)
        {
            // Only a record written around the engine can sit at a derived id: never say whose it is.
            throw new InvalidOperationException("The idempotency key cannot be used for this patient. Use a new key.");
        }

        return existing.PathName == request.PathName
            ? existing
            : throw new ArgumentException("The idempotency key was already used to open a case for this patient on another path. Use a new key for a new case.", nameof(request));
    }

    /// <summary>Derives the id of a case opened with an idempotency key (scoped to the tenant, the actor and the patient), so that a retry finds the case it opened.</summary>
    private static Id<CareCase> DeriveCaseId(ActorContext actor, Id<Patient> patientId, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"care-case|{actor.TenantId}|{actor.Role}|{actor.UserId.Length}:{actor.UserId}|{patientId}|{key}"), hash);
        var bytes = hash[..16];
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x80); // version 8 (name-based, custom)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Id<CareCase>(new Guid(bytes));
    }

    /// <summary>Scopes a command's idempotency key to the actor (a hash of the actor's role and id, then the key).</summary>
    private static string ScopeKey(ActorContext actor, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"care-command|{actor.TenantId}|{actor.Role}|{actor.UserId}"), hash);
        return $"{Convert.ToHexStringLower(hash[..8])}:{key}";
    }

    private static void ValidateKey(string? key)
    {
        if (key is not null && (key.Length == 0 || key.Length > MaxIdempotencyKeyLength || string.IsNullOrWhiteSpace(key)))
        {
            throw new ArgumentException($"An idempotency key has 1 to {MaxIdempotencyKeyLength} characters and is not blank.", nameof(key));
        }
    }

    internal sealed record TimerPayload(Guid CaseId, string PathName, string State, long Sequence, string Trigger, DateTimeOffset Deadline);

    private sealed record TimerContext(Lease Lease, TimerPayload Payload);
}
