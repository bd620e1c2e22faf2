using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>The default <see cref="IAuditReports"/>, over <see cref="IAuditLogStore"/> and the <see cref="AccessGuard"/>.</summary>
public sealed class AuditReports : IAuditReports
{
    private readonly AuditServices _services;

    /// <summary>Initializes a new instance of the <see cref="AuditReports"/> class.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, in which each report's own audit record is written.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock.</param>
    public AuditReports(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _services = new AuditServices(store, sessions, guard, timeProvider);
    }

    /// <inheritdoc/>
    public async Task<AuditPage<AccessLogEntry>> GetAccessLogAsync(ActorContext actor, Id<Patient> patientId, PatientAuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        var page = await ReadPatientReportAsync(actor, patientId, query, action: null, "report:access-log", cancellationToken).ConfigureAwait(false);
        var entries = page.Items.Select(r => new AccessLogEntry(
            r.Event.OccurredAt,
            r.Event.ActorId,
            r.Event.ActorRole,
            r.Event.Action,
            r.Event.ResourceType,
            r.Event.ResourceId,
            r.Event.Outcome,
            r.Event.PurposeOfUse,
            r.Event.BreakGlassReason,
            r.Event.Source,
            r.Sequence)).ToArray();
        return new AuditPage<AccessLogEntry>(entries, page.ContinuationToken) { Unreadable = page.Unreadable };
    }

    /// <inheritdoc/>
    public async Task<AuditPage<DisclosureEntry>> GetDisclosuresAsync(ActorContext actor, Id<Patient> patientId, PatientAuditQuery? query = null, CancellationToken cancellationToken = default)
    {
        var page = await ReadPatientReportAsync(actor, patientId, query, AuditAction.Disclose, "report:disclosures", cancellationToken).ConfigureAwait(false);
        var entries = page.Items
            .Where(r => r.Event.Outcome == AuditOutcome.Success && r.Event.Disclosure is not null)
            .Select(r => new DisclosureEntry(
                r.Event.OccurredAt,
                r.Event.Disclosure!.Recipient,
                r.Event.Disclosure.Purpose,
                r.Event.Disclosure.Description,
                r.Event.ActorId,
                r.Event.ResourceType,
                r.Event.ResourceId,
                r.Sequence))
            .ToArray();
        return new AuditPage<DisclosureEntry>(entries, page.ContinuationToken) { Unreadable = page.Unreadable };
    }

    /// <inheritdoc/>
    public async Task<AuditRecordPage> QueryAsync(ActorContext actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        ValidateLimit(query.Limit);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        await AuditLogAccess.AuthorizeLogWideAsync(_services, session, actor, AccessAction.Search, "report:query", cancellationToken).ConfigureAwait(false);
        var page = await _services.Store.QueryAsync(actor.TenantId, query, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page;
    }

    /// <inheritdoc/>
    public async Task RecordDisclosureAsync(ActorContext actor, Id<Patient> patientId, string resourceType, string? resourceId, Disclosure disclosure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceType);
        ArgumentNullException.ThrowIfNull(disclosure);
        ArgumentException.ThrowIfNullOrWhiteSpace(disclosure.Recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(disclosure.Purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(disclosure.Description);
        RequirePatient(patientId);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        var request = new AccessRequest(actor, AccessAction.Disclose, resourceType, actor.TenantId, patientId, resourceId);
        await _services.Guard.AuthorizeAsync(session, request, e => e with { Disclosure = disclosure }, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<AuditRecordPage> ReadPatientReportAsync(ActorContext actor, Id<Patient> patientId, PatientAuditQuery? query, AuditAction? action, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequirePatient(patientId);
        query ??= new PatientAuditQuery();
        ValidateLimit(query.Limit);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        var request = new AccessRequest(actor, AccessAction.Read, AuditLogAccess.ResourceType, actor.TenantId, patientId, patientId.ToString());
        await _services.Guard.AuthorizeAsync(session, request, e => e with { Detail = $"{e.Detail};{detail}" }, cancellationToken).ConfigureAwait(false);
        var page = await _services.Store.QueryAsync(
            actor.TenantId,
            new AuditQuery
            {
                PatientId = patientId,
                Action = action,
                From = query.From,
                To = query.To,
                Limit = query.Limit,
                ContinuationToken = query.ContinuationToken,
            },
            cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page;
    }

    private static void RequirePatient(Id<Patient> patientId)
    {
        if (patientId.IsEmpty)
        {
            throw new ArgumentException("The patient id is empty.", nameof(patientId));
        }
    }

    private static void ValidateLimit(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1, "Limit");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 1000, "Limit");
    }
}
