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
    private readonly IDocumentCodec _codec;

    /// <summary>Initializes a new instance of the <see cref="AuditReports"/> class.</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, in which each report's own audit record is written.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="tokens">Seals the continuation tokens of the reports for the actor and the query.</param>
    /// <param name="codec">
    /// Decodes the free-text fields the storage codec encoded (break-glass reasons, details, disclosure descriptions:
    /// encrypted when PHI protection is on) for the authorised reader.
    /// </param>
    public AuditReports(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider, ContinuationTokenProtector tokens, IDocumentCodec codec)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(codec);
        _services = new AuditServices(store, sessions, guard, timeProvider);
        _tokens = tokens;
        _codec = codec;
    }

    /// <summary>Initializes a new instance of the <see cref="AuditReports"/> class that reads free-text fields as stored (no PHI protection).</summary>
    /// <param name="store">The audit log store.</param>
    /// <param name="sessions">The storage sessions, in which each report's own audit record is written.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="tokens">Seals the continuation tokens of the reports for the actor and the query.</param>
    public AuditReports(IAuditLogStore store, IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider, ContinuationTokenProtector tokens)
        : this(store, sessions, guard, timeProvider, tokens, new JsonDocumentCodec())
    {
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
        var page = Decode(await ReadPatientReportAsync(actor, patientId, query, action: null, "report:access-log", cancellationToken).ConfigureAwait(false));
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
        var page = Decode(await ReadPatientReportAsync(actor, patientId, query, AuditAction.Disclose, "report:disclosures", cancellationToken).ConfigureAwait(false));
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
        var shape = Describe(query);
        var position = await UnprotectAsync(actor, "audit:query", shape, query.ContinuationToken, null, cancellationToken).ConfigureAwait(false);
        var page = await _services.Store.QueryAsync(actor.TenantId, query with { ContinuationToken = position }, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return Decode(page) with { ContinuationToken = _tokens.Protect(actor, "audit:query", shape, page.ContinuationToken) };
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

    /// <summary>
    /// Decodes the protected fields of a page's records for the authorised reader. A record whose protected field cannot
    /// be decrypted keeps its place with that field in its stored, protected form and is also flagged in <see cref="AuditRecordPage.Unreadable"/>.
    /// </summary>
    private AuditRecordPage Decode(AuditRecordPage page)
    {
        List<UnreadableAuditRow>? failed = null;
        var records = new AuditRecord[page.Items.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var record = page.Items[i];
            if (!_codec.TryDecodeAuditEvent(record.Event, out var decoded))
            {
                (failed ??= [.. page.Unreadable]).Add(new UnreadableAuditRow(record.Sequence, "protected-text", AuditRowProblem.Malformed));
            }

            records[i] = ReferenceEquals(decoded, record.Event) ? record : record with { Event = decoded };
        }

        return page with { Items = records, Unreadable = failed ?? page.Unreadable };
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
