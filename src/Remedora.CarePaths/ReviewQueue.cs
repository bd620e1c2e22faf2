using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.CarePaths;

/// <summary>
/// The clinicians' review queue: work items that path effects create, claimed through the <see cref="IWorkQueue"/>
/// (the database decides who gets an item) and mirrored in the <see cref="WorkItem"/> documents (status, holder,
/// lease expiry) that the access policy's "holds a work item" relationship reads.
/// </summary>
/// <remarks>
/// Claim-next gives a clinician only items they may take: the patient's jurisdiction must be one of the clinician's
/// licences valid at claim time, the clinician must have the required specialty and belong to the item's pool (for
/// example the case's care team), and an item assigned to someone else is never given. Among those, the highest
/// priority comes first, then the oldest due.
/// </remarks>
public sealed class ReviewQueue
{
    /// <summary>The queue that holds review work.</summary>
    public const string QueueName = "care-paths.review";

    private readonly IStorageSessionFactory _sessions;
    private readonly IWorkQueue _queue;
    private readonly AccessGuard _guard;
    private readonly IPoolMembership _pools;
    private readonly TimeProvider _time;
    private readonly CarePathsOptions _options;

    /// <summary>Initializes a new instance of the <see cref="ReviewQueue"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="queue">The work queue.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="pools">Which pools a practitioner takes work from.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="options">The options.</param>
    public ReviewQueue(IStorageSessionFactory sessions, IWorkQueue queue, AccessGuard guard, IPoolMembership pools, TimeProvider timeProvider, IOptions<CarePathsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _sessions = sessions;
        _queue = queue;
        _guard = guard;
        _pools = pools;
        _time = timeProvider;
        _options = options.Value;
    }

    /// <summary>Gets the pool name of a care team: items of cases with a care team are routed to it.</summary>
    /// <param name="careTeamId">The care team.</param>
    /// <returns>The pool name, <c>care-team:</c> followed by the id.</returns>
    public static string CareTeamPool(Id<CareTeam> careTeamId) => $"care-team:{careTeamId}";

    /// <summary>Claims the next item the clinician may take, under a lease of <see cref="CarePathsOptions.ReviewLeaseDuration"/>.</summary>
    /// <param name="actor">The clinician (or coordinator, or pharmacist), with a practitioner id.</param>
    /// <param name="cancellationToken">A token to cancel the claim.</param>
    /// <returns>
    /// The claimed item and its lease, or <see langword="null"/> when nothing is available to this practitioner (also
    /// when the practitioner is not an active member of the tenant: that refusal is audited as denied).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not a practitioner (a patient, an administrator, the system); audited as denied.</exception>
    public async Task<ClaimedWorkItem?> ClaimNextAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var claim = new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null);
        if (actor.PractitionerId is not { } practitionerId)
        {
            throw await _guard.DenyAsync(claim, AccessBasis.ActionNotPermitted, cancellationToken).ConfigureAwait(false);
        }

        using var activity = CarePathsTelemetry.Start("carepaths.claim_next", actor.TenantId);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var practitioner = await session.FindAsync<Practitioner>(practitionerId.ToString(), cancellationToken).ConfigureAwait(false);
        if (practitioner is null || !practitioner.Active || practitioner.TenantId != actor.TenantId)
        {
            // Unknown here, another tenant's, or deactivated: no work, and the refused actor is audited.
            activity?.SetTag("remedora.outcome", "not-member");
            await _guard.DenyAsync(claim, AccessBasis.NotTenantMember, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var now = _time.GetUtcNow();
        var request = new ClaimRequest
        {
            Queue = QueueName,
            TenantId = actor.TenantId,
            Owner = practitionerId.ToString(),
            LeaseDuration = _options.ReviewLeaseDuration,
            Jurisdictions = practitioner.JurisdictionsLicensedAt(now).Select(j => j.Code).ToArray(),
            Skills = practitioner.Specialties.Select(NormalizeSkill).ToArray(),
            Pools = [.. await _pools.GetPoolsAsync(actor.TenantId, practitionerId, cancellationToken).ConfigureAwait(false)],
        };

        // Transitions withdraw the queue entries of the work items they finish in the same unit of work; an entry whose
        // work item is finished anyway (written around the engine) is dropped and skipped.
        for (var attempt = 0; attempt < 32; attempt++)
        {
            var claimed = await _queue.ClaimNextAsync(request, cancellationToken).ConfigureAwait(false);
            if (claimed.Count == 0)
            {
                activity?.SetTag("remedora.outcome", "empty");
                return null;
            }

            var leased = claimed[0];
            if (await TryMirrorClaimAsync(actor, practitionerId, leased, cancellationToken).ConfigureAwait(false) is { } item)
            {
                CarePathsTelemetry.RecordClaimWait(_time.GetUtcNow() - leased.Item.AvailableAt);
                activity?.SetTag("remedora.outcome", "claimed");
                return new ClaimedWorkItem(item, leased.Lease);
            }
        }

        activity?.SetTag("remedora.outcome", "empty");
        return null;
    }

    /// <summary>Extends the clinician's lease on an item.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="claim">The claim to renew.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The renewed claim.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held (it expired and was claimed again, or the item was released, finished or reassigned); the attempt is audited.</exception>
    /// <exception cref="AccessDeniedException">The actor is not a practitioner: review work is held only by practitioners (audited as denied).</exception>
    /// <exception cref="RecordNotFoundException">The claim names another item than its lease, or another tenant's (audited, nothing changed).</exception>
    public async Task<ClaimedWorkItem> RenewAsync(ActorContext actor, ClaimedWorkItem claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await RequireConsistentClaimAsync(actor, claim, cancellationToken).ConfigureAwait(false);
        var lease = await LeaseOperationAsync(actor, claim, "renew", () => _queue.RenewAsync(claim.Lease, _options.ReviewLeaseDuration, cancellationToken), cancellationToken).ConfigureAwait(false);
        var item = await MirrorAsync(actor, claim.Item.Id, w => w with { Status = WorkItemStatus.Claimed, ClaimedBy = RequirePractitioner(actor), LeaseExpiresAt = lease.ExpiresAt }, "renew", cancellationToken).ConfigureAwait(false);
        return new ClaimedWorkItem(item, lease);
    }

    /// <summary>Gives an item back to the queue: the queue entry's release and the work item's update commit in one unit of work.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The item, ready again.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held; the attempt is audited.</exception>
    /// <exception cref="AccessDeniedException">The actor is not a practitioner: review work is held only by practitioners (audited as denied).</exception>
    /// <exception cref="RecordNotFoundException">The claim names another item than its lease, or another tenant's (audited, nothing changed).</exception>
    public async Task<WorkItem> ReleaseAsync(ActorContext actor, ClaimedWorkItem claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await RequireConsistentClaimAsync(actor, claim, cancellationToken).ConfigureAwait(false);
        return await LeaseOperationAsync(
            actor,
            claim,
            "release",
            () => MirrorAsync(actor, claim.Item.Id, w => w with { Status = WorkItemStatus.Ready, ClaimedBy = null, LeaseExpiresAt = null }, "release", cancellationToken, session => session.Release(claim.Lease)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an item done: the work item and the queue entry complete in one unit of work.</summary>
    /// <param name="actor">The holder.</param>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The completed item.</returns>
    /// <exception cref="LeaseLostException">The lease is no longer held; nothing was written and the attempt is audited.</exception>
    /// <exception cref="AccessDeniedException">The actor is not a practitioner: review work is held only by practitioners (audited as denied).</exception>
    /// <exception cref="RecordNotFoundException">The claim names another item than its lease, or another tenant's, or an item out of the actor's scope (audited, nothing changed).</exception>
    public async Task<WorkItem> CompleteAsync(ActorContext actor, ClaimedWorkItem claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await RequireConsistentClaimAsync(actor, claim, cancellationToken).ConfigureAwait(false);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var item = await FindAuthorizedAsync(session, actor, claim.Item.Id, cancellationToken).ConfigureAwait(false);
        var completed = session.Update(item with { Status = WorkItemStatus.Completed, LeaseExpiresAt = null, CompletedAt = _time.GetUtcNow(), CompletedBy = actor.PractitionerId });
        session.Complete(claim.Lease);
        return await LeaseOperationAsync(actor, claim, "complete", async () => { await session.CommitAsync(cancellationToken).ConfigureAwait(false); return completed; }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Assigns an unfinished item to a practitioner (or back to everyone eligible); the current holder's lease is revoked.
    /// The queue entry's assignment and the work item's update commit in one unit of work.
    /// </summary>
    /// <param name="actor">Who reassigns (for example a care coordinator on the patient's care team, or an administrator with a purpose).</param>
    /// <param name="workItemId">The item.</param>
    /// <param name="assignee">The new assignee; <see langword="null"/> to return it to the queue for anyone eligible.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The item, ready for its assignee.</returns>
    /// <exception cref="RecordNotFoundException">No such item, or it is out of the actor's scope; or the assignee is not an active practitioner of the tenant (audited, nothing changed).</exception>
    /// <exception cref="InvalidOperationException">The item is finished.</exception>
    public async Task<WorkItem> ReassignAsync(ActorContext actor, Id<WorkItem> workItemId, Id<Practitioner>? assignee, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using (var check = _sessions.OpenSession(actor.TenantId))
        {
            var current = await FindAuthorizedAsync(check, actor, workItemId, cancellationToken).ConfigureAwait(false);
            if (assignee is { } practitionerId)
            {
                await RequirePractitionerOfTenantAsync(check, actor, practitionerId, current.PatientId, cancellationToken).ConfigureAwait(false);
            }

            await check.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return await MirrorAsync(
            actor,
            workItemId,
            w => w with { AssignedTo = assignee, Status = WorkItemStatus.Ready, ClaimedBy = null, LeaseExpiresAt = null },
            "reassign",
            cancellationToken,
            session => session.Assign(workItemId.Value, assignee?.ToString()),
            finished: () => new InvalidOperationException($"Work item '{workItemId}' is finished and cannot be reassigned.")).ConfigureAwait(false);
    }

    /// <summary>Sets the pools a practitioner takes work from (stored in <see cref="ClinicianPools"/>, read by the default <see cref="IPoolMembership"/>).</summary>
    /// <param name="actor">An administrator with a purpose of use, or the application.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="pools">The pools.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored pools.</returns>
    /// <exception cref="AccessDeniedException">The actor may not change practitioners' settings.</exception>
    /// <exception cref="RecordNotFoundException">The practitioner is not an active practitioner of the actor's tenant (audited, nothing changed).</exception>
    public async Task<ClinicianPools> SetPoolsAsync(ActorContext actor, Id<Practitioner> practitionerId, IEnumerable<string> pools, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(pools);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Update, CarePathCollections.Pools.ResourceType, actor.TenantId, null, practitionerId.ToString()), cancellationToken).ConfigureAwait(false);
        await RequirePractitionerOfTenantAsync(session, actor, practitionerId, null, cancellationToken).ConfigureAwait(false);
        var existing = await session.FindAsync<ClinicianPools>(practitionerId.ToString(), cancellationToken).ConfigureAwait(false);
        var list = pools.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        var stored = existing is null
            ? session.Insert(new ClinicianPools { PractitionerId = practitionerId, TenantId = actor.TenantId, Pools = list })
            : session.Update(existing with { Pools = list });
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    /// <summary>Counts the tenant's unfinished work by status and priority, the overdue items and those due within <see cref="CarePathsOptions.DueSoonWindow"/>.</summary>
    /// <param name="actor">Who looks: staff of the tenant (the counts carry no patient data, but they describe the practice's workload, which is not a patient's business).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="AccessDeniedException">The actor is a patient; the attempt is audited as denied.</exception>
    public async Task<QueueOverview> GetOverviewAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = new AccessRequest(actor, AccessAction.Search, ResourceTypes.WorkItem, actor.TenantId, null);
        await RequireStaffAsync(request, cancellationToken).ConfigureAwait(false);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var all = DocumentQuery<WorkItem>.All;
        var byStatus = new Dictionary<WorkItemStatus, long>();
        var byPriority = new Dictionary<WorkItemPriority, long>();
        long overdue = 0, dueSoon = 0;
        foreach (var status in new[] { WorkItemStatus.Ready, WorkItemStatus.Claimed })
        {
            var ofStatus = all.Where("status", status);
            byStatus[status] = await session.CountAsync(ofStatus, cancellationToken).ConfigureAwait(false);
            foreach (var priority in Enum.GetValues<WorkItemPriority>())
            {
                var count = await session.CountAsync(ofStatus.Where("priority", priority), cancellationToken).ConfigureAwait(false);
                byPriority[priority] = byPriority.GetValueOrDefault(priority) + count;
            }

            overdue += await session.CountAsync(ofStatus.WhereBetween("dueAt", null, now), cancellationToken).ConfigureAwait(false);
            dueSoon += await session.CountAsync(ofStatus.WhereBetween("dueAt", now, now + _options.DueSoonWindow), cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new QueueOverview(byStatus, byPriority, overdue, dueSoon);
    }

    /// <summary>Gets the items the clinician holds under an unexpired lease, soonest due first.</summary>
    /// <param name="actor">The clinician.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The items.</returns>
    public async Task<IReadOnlyList<WorkItem>> GetMyItemsAsync(ActorContext actor, CancellationToken cancellationToken = default)
    {
        var practitionerId = RequirePractitioner(actor);
        var now = _time.GetUtcNow();
        var query = DocumentQuery<WorkItem>.All.Where("claimedBy", practitionerId).Where("status", WorkItemStatus.Claimed).OrderBy("dueAt");
        var items = await SearchVisibleAsync(actor, query, w => w.LeaseExpiresAt is null || w.LeaseExpiresAt > now, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return items;
    }

    /// <summary>Gets unfinished items due within <paramref name="within"/> (overdue ones first) that the actor may see.</summary>
    /// <param name="actor">Who looks; items of patients out of the actor's scope are left out.</param>
    /// <param name="within">How far ahead to look; <see langword="null"/> for <see cref="CarePathsOptions.DueSoonWindow"/>.</param>
    /// <param name="limit">The most items to return.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The items, soonest due first.</returns>
    public async Task<IReadOnlyList<WorkItem>> GetDueSoonAsync(ActorContext actor, TimeSpan? within = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var until = _time.GetUtcNow() + (within ?? _options.DueSoonWindow);
        var query = DocumentQuery<WorkItem>.All.WhereBetween("dueAt", null, until).OrderBy("dueAt");
        return await SearchVisibleAsync(actor, query, w => w.Status is WorkItemStatus.Ready or WorkItemStatus.Claimed, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts the cases on a path by state.</summary>
    /// <param name="actor">Who looks: staff of the tenant (the counts carry no patient data, but they describe the practice's workload).</param>
    /// <param name="path">The path.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The number of cases in each of the path's states.</returns>
    /// <exception cref="AccessDeniedException">The actor is a patient; the attempt is audited as denied.</exception>
    public async Task<IReadOnlyDictionary<string, long>> CountCasesByStateAsync(ActorContext actor, CarePathDefinition path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(path);
        var request = new AccessRequest(actor, AccessAction.Search, ResourceTypes.CareCase, actor.TenantId, null);
        await RequireStaffAsync(request, cancellationToken).ConfigureAwait(false);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var state in path.States)
        {
            counts[state.Name] = await session.CountAsync(DocumentQuery<CareCase>.All.Where("path", path.Name).Where("state", state.Name), cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return counts;
    }

    private async Task RequireStaffAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        if (request.Actor.Role == ActorRole.Patient)
        {
            throw await _guard.DenyAsync(request, AccessBasis.ActionNotPermitted, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the work items of expired, unrenewed leases to <see cref="WorkItemStatus.Ready"/> (the queue already lets others claim them).</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>How many work items were returned.</returns>
    public async Task<int> ReturnExpiredAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var returned = 0;
        string? token = null;
        do
        {
            var page = await _queue.ListAsync(new QueueQuery { Queue = QueueName, Status = QueueItemStatus.Leased, Limit = 500, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items.Where(i => i.LeaseExpiresAt <= now))
            {
                await using var session = _sessions.OpenSession(item.TenantId);
                var workItem = await session.FindAsync<WorkItem>(item.Id.ToString(), cancellationToken).ConfigureAwait(false);
                if (workItem is { Status: WorkItemStatus.Claimed } && workItem.LeaseExpiresAt <= now)
                {
                    session.Update(workItem with { Status = WorkItemStatus.Ready, ClaimedBy = null, LeaseExpiresAt = null });
                    session.Audit(new AuditEvent
                    {
                        OccurredAt = now,
                        TenantId = item.TenantId,
                        ActorId = "care-paths.review-queue",
                        ActorRole = ActorRole.System,
                        Action = AuditAction.Update,
                        ResourceType = ResourceTypes.WorkItem,
                        ResourceId = workItem.Id.ToString(),
                        PatientId = workItem.PatientId,
                        Outcome = AuditOutcome.Success,
                        PurposeOfUse = PurposeOfUse.Operations,
                        Detail = "lease-expired",
                    });
                    try
                    {
                        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                        returned++;
                    }
                    catch (ConcurrencyConflictException)
                    {
                        // Claimed again or finished meanwhile: nothing to return.
                    }
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        return returned;
    }

    internal static string NormalizeSkill(string skill) => skill.Trim().ToLowerInvariant();

    internal static QueueItem ToQueueItem(WorkItem item) => new()
    {
        Id = item.Id.Value,
        TenantId = item.TenantId,
        Queue = QueueName,
        Priority = (int)item.Priority,
        DueAt = item.DueAt,
        AvailableAt = item.CreatedAt,
        Jurisdiction = item.RequiredJurisdiction?.Code,
        Skill = item.RequiredSpecialty,
        Pool = item.Pool,
        AssignedTo = item.AssignedTo?.ToString(),
        SubjectId = item.PatientId.ToString(),
        Reference = item.CaseId?.ToString(),
        MessageType = item.Kind.Value,
        IdempotencyKey = item.Id.ToString(),
    };

    private async Task<WorkItem?> TryMirrorClaimAsync(ActorContext actor, Id<Practitioner> practitionerId, LeasedItem leased, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = _sessions.OpenSession(actor.TenantId);
            var item = await session.FindAsync<WorkItem>(leased.Item.Id.ToString(), cancellationToken).ConfigureAwait(false);
            if (item is null || item.Status is WorkItemStatus.Completed or WorkItemStatus.Cancelled)
            {
                // Finished by a transition: drop the stale queue entry.
                await using var drop = _sessions.OpenSession(actor.TenantId);
                drop.Complete(leased.Lease);
                await drop.CommitAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            var claimed = session.Update(item with { Status = WorkItemStatus.Claimed, ClaimedBy = practitionerId, LeaseExpiresAt = leased.Lease.ExpiresAt });

            // The queue's routing authorised the claim; from now on the clinician holds a work item for the patient.
            session.Audit(AuditEvent.For(actor, AuditAction.Update, ResourceTypes.WorkItem, item.Id.ToString(), item.PatientId, AuditOutcome.Success, _time.GetUtcNow()) with { Detail = "claim" });
            try
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                return claimed;
            }
            catch (ConcurrencyConflictException)
            {
                // The document changed between the claim and the mirror (for example a transition finished it): read again.
            }
        }

        await _queue.ReleaseAsync(leased.Lease, null, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Changes a work item document and, in the same unit of work, its queue entry (<paramref name="queue"/> stages the
    /// queue change); retried on a concurrent change of the document. A finished item is left as it is, or refused with
    /// <paramref name="finished"/>.
    /// </summary>
    private async Task<WorkItem> MirrorAsync(ActorContext actor, Id<WorkItem> id, Func<WorkItem, WorkItem> change, string detail, CancellationToken cancellationToken, Action<IStorageSession>? queue = null, Func<Exception>? finished = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var session = _sessions.OpenSession(actor.TenantId);

            // A missing or out-of-scope item is audited and "not found", before anything of the queue is staged.
            var item = await FindAuthorizedAsync(session, actor, id, cancellationToken).ConfigureAwait(false);
            var isFinished = item.Status is WorkItemStatus.Completed or WorkItemStatus.Cancelled;
            if (isFinished && finished is not null)
            {
                throw finished();
            }

            var stored = isFinished ? item : session.Update(change(item));
            queue?.Invoke(session);
            session.Audit(AuditEvent.For(actor, AuditAction.Update, ResourceTypes.WorkItem, id.ToString(), item.PatientId, AuditOutcome.Success, _time.GetUtcNow()) with { Detail = detail });
            try
            {
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                return stored;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
            }
        }
    }

    private async Task<List<WorkItem>> SearchVisibleAsync(ActorContext actor, DocumentQuery<WorkItem> query, Func<WorkItem, bool> filter, int limit, CancellationToken cancellationToken)
    {
        await using var session = _sessions.OpenSession(actor.TenantId);
        var visible = new List<WorkItem>();
        var allowed = new Dictionary<Id<Patient>, bool>();
        string? token = null;
        query = query.Take(DocumentQuery<WorkItem>.MaxLimit);
        do
        {
            var page = await session.QueryAsync(query.After(token), cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items.Where(filter))
            {
                if (!allowed.TryGetValue(item.PatientId, out var ok))
                {
                    var request = Request(actor, AccessAction.Search, item) with { ResourceId = null };
                    ok = (await _guard.EvaluateAsync(request, cancellationToken).ConfigureAwait(false)).IsAllowed;
                    if (ok)
                    {
                        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
                    }

                    allowed[item.PatientId] = ok;
                }

                if (ok)
                {
                    visible.Add(item);
                    if (visible.Count >= limit)
                    {
                        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return visible;
                    }
                }
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        if (allowed.Count == 0)
        {
            await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Search, ResourceTypes.WorkItem, actor.TenantId, null), cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return visible;
    }

    /// <summary>Reads a work item the actor names and authorizes the update; a missing or out-of-scope item is audited and "not found".</summary>
    private async Task<WorkItem> FindAuthorizedAsync(IStorageSession session, ActorContext actor, Id<WorkItem> id, CancellationToken cancellationToken)
    {
        var item = await session.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (item is null || item.TenantId != actor.TenantId)
        {
            throw await _guard.DenyAsync(new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null, id.ToString()), AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }

        await _guard.AuthorizeAsync(session, Request(actor, AccessAction.Update, item), cancellationToken).ConfigureAwait(false);
        return item;
    }

    /// <summary>
    /// Checks that a claim is one: the work item it names is the item its lease is for, in the actor's tenant and the
    /// review queue (the lease operation then proves the actor holds it). A claim that pairs one item with another item's lease is audited and "not found".
    /// </summary>
    private async Task RequireConsistentClaimAsync(ActorContext actor, ClaimedWorkItem claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.PractitionerId is not { } practitionerId)
        {
            // Only practitioners hold review work: a patient, an administrator or the system presenting a claim is
            // refused and audited whatever the claim names, so the answer tells nothing about the item.
            var refused = new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null, claim.Item.Id.ToString());
            throw await _guard.DenyAsync(refused, AccessBasis.ActionNotPermitted, cancellationToken).ConfigureAwait(false);
        }

        var lease = claim.Lease;
        if (lease.Owner != practitionerId.ToString())
        {
            // Someone else's lease: the caller does not hold it.
            await _guard.RecordFailureAsync(new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null, claim.Item.Id.ToString()), "lease-lost:not-holder", cancellationToken).ConfigureAwait(false);
            throw new LeaseLostException(lease);
        }

        if (claim.Item.Id.Value != lease.ItemId || lease.TenantId != actor.TenantId || !string.Equals(lease.Queue, QueueName, StringComparison.Ordinal)
            || claim.Item.TenantId != actor.TenantId)
        {
            var request = new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null, claim.Item.Id.ToString());
            throw await _guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a lease operation; a lease the actor does not hold (expired and taken, forged, finished) is audited as failed and surfaces as <see cref="LeaseLostException"/>.</summary>
    private async Task<T> LeaseOperationAsync<T>(ActorContext actor, ClaimedWorkItem claim, string operation, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (LeaseLostException)
        {
            var request = new AccessRequest(actor, AccessAction.Update, ResourceTypes.WorkItem, actor.TenantId, null, claim.Item.Id.ToString());
            await _guard.RecordFailureAsync(request, $"lease-lost:{operation}", cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Checks that a practitioner a command names is an active practitioner of the actor's tenant; otherwise audited and "not found".</summary>
    private async Task RequirePractitionerOfTenantAsync(IStorageSession session, ActorContext actor, Id<Practitioner> practitionerId, Id<Patient>? patientId, CancellationToken cancellationToken)
    {
        var practitioner = await session.FindAsync(practitionerId, cancellationToken).ConfigureAwait(false);
        if (practitioner is null || practitioner.TenantId != actor.TenantId || !practitioner.Active)
        {
            var request = new AccessRequest(actor, AccessAction.Read, ResourceTypes.Practitioner, actor.TenantId, patientId, practitionerId.ToString());
            throw await _guard.DenyAsync(request, AccessBasis.NoRelationship, cancellationToken).ConfigureAwait(false);
        }
    }

    private static AccessRequest Request(ActorContext actor, AccessAction action, WorkItem item)
        => new(actor, action, ResourceTypes.WorkItem, item.TenantId, item.PatientId, item.Id.ToString());

    private static Id<Practitioner> RequirePractitioner(ActorContext actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.PractitionerId ?? throw new ArgumentException($"The review queue serves practitioners; a {actor.Role} actor has no practitioner id.", nameof(actor));
    }

}
