using System.ComponentModel;
using System.Globalization;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>The default <see cref="IAuditReports"/>, over <see cref="IAuditLogStore"/> and the <see cref="AccessGuard"/>.</summary>
public sealed class AuditReports : IAuditReports
{
    private readonly AuditServices _services;
    private readonly ContinuationTokenProtector _tokens;

    /// <summary>Initializes a new instance of the <see cref="AuditReports"/> class.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, in which each report's own audit record is written.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="tokens">Seals the continuation tokens of the reports for the actor and the query.</param>
    public AuditReports(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider, ContinuationTokenProtector tokens)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(tokens);
        _services = new AuditServices(store, sessions, guard, timeProvider);
        _tokens = tokens;
    }

    /// <summary>Initializes a new instance of the <see cref="AuditReports"/> class whose continuation tokens are sealed with a key of this process only.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, in which each report's own audit record is written.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public AuditReports(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider)
        : this(store, sessions, guard, timeProvider, ContinuationTokenProtector.CreateEphemeral())
    {
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
        return new AuditPage<AccessLogEntry>(entries, page.ContinuationToken);
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
        return new AuditPage<DisclosureEntry>(entries, page.ContinuationToken);
    }

    /// <inheritdoc/>
    public async Task<AuditRecordPage> QueryAsync(ActorContext actor, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        ValidateLimit(query.Limit);
        await using var session = _services.Sessions.OpenSession(actor.TenantId);
        await AuditLogAccess.AuthorizeLogWideAsync(_services, session, actor, AccessAction.Search, "report:query", cancellationToken).ConfigureAwait(false);
        var shape = Describe(query);
        var position = await UnprotectAsync(actor, "audit:query", shape, query.ContinuationToken, null, cancellationToken).ConfigureAwait(false);
        var page = await _services.Store.QueryAsync(actor.TenantId, query with { ContinuationToken = position }, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page with { ContinuationToken = _tokens.Protect(actor, "audit:query", shape, page.ContinuationToken) };
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
        var store = new AuditQuery
        {
            PatientId = patientId,
            Action = action,
            From = query.From,
            To = query.To,
            Limit = query.Limit,
        };
        var shape = Describe(store);
        var position = await UnprotectAsync(actor, detail, shape, query.ContinuationToken, patientId, cancellationToken).ConfigureAwait(false);
        var page = await _services.Store.QueryAsync(actor.TenantId, store with { ContinuationToken = position }, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page with { ContinuationToken = _tokens.Protect(actor, detail, shape, page.ContinuationToken) };
    }

    private async Task<string?> UnprotectAsync(ActorContext actor, string scope, string shape, string? token, Id<Patient>? patientId, CancellationToken cancellationToken)
    {
        try
        {
            return _tokens.Unprotect(actor, scope, shape, token);
        }
        catch (InvalidContinuationTokenException ex)
        {
            var refused = new AccessRequest(actor, AccessAction.Search, AuditLogAccess.ResourceType, actor.TenantId, patientId);
            await _services.Guard.RecordFailureAsync(refused, ex.Code, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    private static string Describe(AuditQuery query)
        => string.Join(
            ';',
            "from=" + (query.From?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-"),
            "to=" + (query.To?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-"),
            "actor=" + (query.ActorId ?? "-").Replace(";", "\\;", StringComparison.Ordinal),
            "patient=" + (query.PatientId?.ToString() ?? "-"),
            "action=" + (query.Action?.ToString() ?? "-"),
            "outcome=" + (query.Outcome?.ToString() ?? "-"),
            "limit=" + query.Limit.ToString(CultureInfo.InvariantCulture));

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
