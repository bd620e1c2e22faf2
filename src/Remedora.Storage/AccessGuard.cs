using Remedora.Access;
using Remedora.Events;

namespace Remedora.Storage;

/// <summary>
/// Applies the access policy at an SDK entry point and audits the outcome: an allowed access is audited in the
/// caller's unit of work (and break-glass access also publishes <see cref="BreakGlassAccessed"/>); a denied access is
/// audited as a denied attempt in a unit of work of its own and surfaces as "not found" (or "access denied" when the
/// actor may know the record exists).
/// </summary>
public sealed class AccessGuard
{
    /// <summary>The outbox message type of <see cref="BreakGlassAccessed"/> events.</summary>
    public const string BreakGlassMessageType = "remedora.break-glass-accessed";

    private readonly IAccessPolicy _policy;
    private readonly IStorageSessionFactory _sessions;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="AccessGuard"/> class.</summary>
    /// <param name="policy">The access policy.</param>
    /// <param name="sessions">The storage sessions, used to record denied attempts.</param>
    /// <param name="timeProvider">The clock.</param>
    public AccessGuard(IAccessPolicy policy, IStorageSessionFactory sessions, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _policy = policy;
        _sessions = sessions;
        _timeProvider = timeProvider;
    }

    /// <summary>Evaluates a request without auditing it (for filtering search results).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the evaluation.</param>
    /// <returns>The decision.</returns>
    public ValueTask<AccessDecision> EvaluateAsync(AccessRequest request, CancellationToken cancellationToken = default)
        => _policy.EvaluateAsync(request, cancellationToken);

    /// <summary>
    /// Authorizes a request. When allowed, stages its audit record in <paramref name="session"/> (so it commits with
    /// the work); when denied, records the denied attempt in its own unit of work and throws.
    /// </summary>
    /// <param name="session">The caller's unit of work.</param>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The allowing decision.</returns>
    /// <exception cref="RecordNotFoundException">The record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the record but not perform the action.</exception>
    public Task<AccessDecision> AuthorizeAsync(IStorageSession session, AccessRequest request, CancellationToken cancellationToken = default)
        => AuthorizeAsync(session, request, static e => e, cancellationToken);

    /// <summary>
    /// Authorizes a request and lets the caller complete its audit record (for example with the
    /// <see cref="AuditEvent.Disclosure"/> of a disclosure, or a <see cref="AuditEvent.Detail"/>). When allowed, stages the
    /// record in <paramref name="session"/>; when denied, records the denied attempt in its own unit of work and throws.
    /// </summary>
    /// <param name="session">The caller's unit of work.</param>
    /// <param name="request">The request.</param>
    /// <param name="describe">Completes the audit event of the allowed or denied request; it must keep the tenant, actor, action and outcome.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The allowing decision.</returns>
    /// <exception cref="RecordNotFoundException">The record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the record but not perform the action.</exception>
    public async Task<AccessDecision> AuthorizeAsync(IStorageSession session, AccessRequest request, Func<AuditEvent, AuditEvent> describe, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(describe);
        var decision = await _policy.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            await RecordAsync(request, AuditOutcome.Denied, $"denied:{decision.Basis}", describe, cancellationToken).ConfigureAwait(false);
            throw decision.ToException(request);
        }

        session.Audit(describe(CreateEvent(request, AuditOutcome.Success, $"basis:{decision.Basis}")));
        if (decision.IsBreakGlass && request.PatientId is { } patientId && request.Actor.BreakGlass is { } grant)
        {
            var raised = new BreakGlassAccessed
            {
                TenantId = request.TenantId,
                OccurredAt = _timeProvider.GetUtcNow(),
                ActorId = request.Actor.UserId,
                ActorRole = request.Actor.Role,
                PatientId = patientId,
                ResourceType = request.ResourceType,
                Reason = grant.Reason,
            };
            session.Publish(OutboxMessage.Create(BreakGlassMessageType, raised, raised.EventId.ToString()));
        }

        return decision;
    }

    /// <summary>
    /// Refuses a request that the caller's own rule denies before the policy is asked (for example tenant-wide queue
    /// counts, which only staff may see): records the denied attempt in a unit of work of its own, as
    /// <see cref="AuthorizeAsync(IStorageSession, AccessRequest, CancellationToken)"/> does for the policy's denials.
    /// </summary>
    /// <param name="request">The refused request.</param>
    /// <param name="basis">Why it is refused; <see cref="AccessBasis.ActionNotPermitted"/> yields an <see cref="AccessDeniedException"/>, the other denial bases a <see cref="RecordNotFoundException"/>.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The exception for the caller to throw once the denial is recorded.</returns>
    /// <exception cref="ArgumentException"><paramref name="basis"/> is an allowing basis.</exception>
    public async Task<RemedoraException> DenyAsync(AccessRequest request, AccessBasis basis, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (basis < AccessBasis.OtherTenant)
        {
            throw new ArgumentException($"{basis} allows access; pass the basis of a denial.", nameof(basis));
        }

        await RecordAsync(request, AuditOutcome.Denied, $"denied:{basis}", static e => e, cancellationToken).ConfigureAwait(false);
        return AccessDecision.Deny(basis).ToException(request);
    }

    /// <summary>Records, in a unit of work of its own, that an authorized operation failed (for example on a concurrency conflict).</summary>
    /// <param name="request">The request whose operation failed.</param>
    /// <param name="reason">A PHI-free reason, for example an error code.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the record is committed.</returns>
    public Task RecordFailureAsync(AccessRequest request, string reason, CancellationToken cancellationToken = default)
        => RecordAsync(request, AuditOutcome.Failed, reason, static e => e, cancellationToken);

    private async Task RecordAsync(AccessRequest request, AuditOutcome outcome, string detail, Func<AuditEvent, AuditEvent> describe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var session = _sessions.OpenSession(request.Actor.TenantId);
        session.Audit(describe(CreateEvent(request, outcome, detail)) with { TenantId = request.Actor.TenantId, Outcome = outcome });
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private AuditEvent CreateEvent(AccessRequest request, AuditOutcome outcome, string detail)
        => AuditEvent.For(request.Actor, AuditEvent.ActionFor(request.Action), request.ResourceType, request.ResourceId, request.PatientId, outcome, _timeProvider.GetUtcNow()) with
        {
            Detail = detail,
        };
}
