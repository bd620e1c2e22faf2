using Remedora.Access;
using Remedora.Clinical;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.Intake.Consent;

/// <summary>
/// Publishes consent documents, captures and revokes consents, and answers the consent check care paths make before
/// asynchronous care (<see cref="IConsentGate"/>). Every capture and revocation is audited in the same unit of work;
/// every call asks the access policy first, and out-of-scope access looks like "not found".
/// </summary>
public sealed class ConsentService : IConsentGate
{
    /// <summary>The <see cref="ConsentCheckResult.Reason"/> when the patient never consented (to a document that applies).</summary>
    public const string ReasonMissing = "missing";

    /// <summary>The <see cref="ConsentCheckResult.Reason"/> when the patient's consent was revoked.</summary>
    public const string ReasonRevoked = "revoked";

    /// <summary>The <see cref="ConsentCheckResult.Reason"/> when the patient consented only to a version that a newer one replaced.</summary>
    public const string ReasonSupersededVersion = "superseded-version";

    /// <summary>The <see cref="ConsentCheckResult.Reason"/> when no document of the kind applies in the jurisdiction.</summary>
    public const string ReasonNoDocument = "no-document";

    private const string GateComponent = "consent-gate";

    private readonly IStorageSessionFactory _sessions;
    private readonly AccessGuard _guard;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="ConsentService"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">Checks access and audits it.</param>
    /// <param name="timeProvider">The clock.</param>
    public ConsentService(IStorageSessionFactory sessions, AccessGuard guard, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _guard = guard;
        _timeProvider = timeProvider;
    }

    /// <summary>Publishes a version of a consent document (an administrator with a purpose, or the system).</summary>
    /// <param name="actor">Who publishes.</param>
    /// <param name="kind">The kind, for example <see cref="ConsentKinds.Telehealth"/>.</param>
    /// <param name="version">The version label.</param>
    /// <param name="title">The title.</param>
    /// <param name="text">The text shown to signers.</param>
    /// <param name="effectiveFrom">When it takes effect; consents to older versions of the kind stop counting then.</param>
    /// <param name="jurisdictions">Where it applies; none for everywhere.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The document, with its text hash.</returns>
    /// <exception cref="AccessDeniedException">The actor may not publish documents.</exception>
    public async Task<ConsentDocument> PublishDocumentAsync(ActorContext actor, string kind, string version, string title, string text, DateTimeOffset effectiveFrom, IReadOnlyList<Jurisdiction>? jurisdictions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var id = Id<ConsentDocument>.New(_timeProvider);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Create, ConsentDocument.ResourceType, actor.TenantId, null, id.ToString()), cancellationToken).ConfigureAwait(false);
        var document = session.Insert(new ConsentDocument
        {
            Id = id,
            TenantId = actor.TenantId,
            Kind = kind,
            Version = version,
            Title = title,
            Text = text,
            TextHash = ConsentDocument.HashText(text),
            Jurisdictions = jurisdictions ?? [],
            EffectiveFrom = effectiveFrom,
            PublishedAt = _timeProvider.GetUtcNow(),
        });
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>Gets the version of a kind of consent document in effect now in a jurisdiction: the one to show a signer.</summary>
    /// <param name="actor">Who reads (any member of the tenant).</param>
    /// <param name="kind">The kind.</param>
    /// <param name="jurisdiction">The jurisdiction.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The document, or <see langword="null"/> when none applies.</returns>
    public async Task<ConsentDocument?> GetCurrentDocumentAsync(ActorContext actor, string kind, Jurisdiction jurisdiction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Search, ConsentDocument.ResourceType, actor.TenantId, null), cancellationToken).ConfigureAwait(false);
        var current = await CurrentDocumentAsync(session, kind, jurisdiction, _timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    /// <summary>
    /// Captures a consent: who signed which version, for whom, when, how and from where (the actor's request source).
    /// The text hash the signer saw must match the document's.
    /// </summary>
    /// <param name="actor">The account capturing the signature (the patient, their guardian acting as them, or staff).</param>
    /// <param name="capture">What was signed.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="ValidationFailedException">The capture is incomplete or names a text that is not the document's.</exception>
    /// <exception cref="RecordNotFoundException">The document does not exist in the actor's tenant, the tenant has no such patient, or
    /// the patient is out of the actor's scope (indistinguishable from a random id; nothing is written and the attempt is audited).</exception>
    public async Task<ConsentRecord> CaptureAsync(ActorContext actor, ConsentCapture capture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(capture);
        var id = Id<ConsentRecord>.New(_timeProvider);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await IntakeReferences.AuthorizePatientAsync(session, _guard, new AccessRequest(actor, AccessAction.Create, ConsentRecord.ResourceType, actor.TenantId, capture.PatientId, id.ToString()), cancellationToken).ConfigureAwait(false);

        // The session reads the actor's tenant only: another tenant's document id is missing here, like a random one.
        var document = await session.FindAsync(capture.DocumentId, cancellationToken).ConfigureAwait(false);
        if (document is null || document.TenantId != actor.TenantId || document.Id != capture.DocumentId)
        {
            throw await IntakeReferences.NotFoundAsync(_guard, actor, ConsentDocument.ResourceType, capture.DocumentId.ToString(), cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<ValidationProblem>();
        if (!string.Equals(capture.TextHash, document.TextHash, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new ValidationProblem("textHash", "consent-text-mismatch", "The consent text shown is not the current text of this document. Show the document again and ask for consent again."));
        }

        if (!document.AppliesIn(capture.Jurisdiction))
        {
            problems.Add(new ValidationProblem("jurisdiction", "consent-jurisdiction", "This consent document does not apply in the patient's jurisdiction."));
        }

        if (string.IsNullOrWhiteSpace(capture.SignerName))
        {
            problems.Add(new ValidationProblem("signerName", "required", "Please enter the signer's name."));
        }

        if (capture.SignerRole != ConsentSignerRole.Patient && string.IsNullOrWhiteSpace(capture.SignerRelationship))
        {
            problems.Add(new ValidationProblem("signerRelationship", "required", "Please say how the signer is related to the patient."));
        }

        if (capture.Method != SignatureMethod.Checkbox && string.IsNullOrWhiteSpace(capture.Signature))
        {
            problems.Add(new ValidationProblem("signature", "required", capture.Method == SignatureMethod.TypedName ? "Please type your name to sign." : "Please draw your signature."));
        }

        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }

        var consent = session.Insert(new ConsentRecord
        {
            Id = id,
            TenantId = actor.TenantId,
            PatientId = capture.PatientId,
            Kind = document.Kind,
            DocumentId = document.Id,
            DocumentVersion = document.Version,
            TextHash = document.TextHash,
            Jurisdiction = capture.Jurisdiction,
            SignerRole = capture.SignerRole,
            SignerName = capture.SignerName,
            SignerRelationship = capture.SignerRelationship,
            CapturedBy = actor.UserId,
            Method = capture.Method,
            Signature = capture.Signature,
            SignedAt = _timeProvider.GetUtcNow(),
            Source = actor.Source,
        });
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return consent;
    }

    /// <summary>Revokes a consent. Revoking a revoked consent changes nothing.</summary>
    /// <param name="actor">Who revokes (the patient, their representative, or staff).</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="reason">Why (no patient data), for example <c>patient request</c>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The revoked consent.</returns>
    /// <exception cref="RecordNotFoundException">The consent does not exist or is out of the actor's scope.</exception>
    /// <exception cref="ConcurrencyConflictException">It changed at the same time; read it again and retry.</exception>
    public async Task<ConsentRecord> RevokeAsync(ActorContext actor, Id<ConsentRecord> consentId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var consent = await FindOrDenyAsync(session, actor, consentId, AccessAction.Update, cancellationToken).ConfigureAwait(false);
        if (consent.Status == ConsentStatus.Revoked)
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
            return consent;
        }

        var revoked = session.Update(consent with
        {
            Status = ConsentStatus.Revoked,
            RevokedAt = _timeProvider.GetUtcNow(),
            RevokedBy = actor.UserId,
            RevocationReason = reason,
        });
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return revoked;
    }

    /// <summary>Reads a consent.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="consentId">The consent.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The consent.</returns>
    /// <exception cref="RecordNotFoundException">It does not exist or is out of the actor's scope.</exception>
    public async Task<ConsentRecord> GetAsync(ActorContext actor, Id<ConsentRecord> consentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var consent = await FindOrDenyAsync(session, actor, consentId, AccessAction.Read, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return consent;
    }

    /// <summary>Lists a patient's consents, newest first.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The consents.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope.</exception>
    public async Task<IReadOnlyList<ConsentRecord>> ListForPatientAsync(ActorContext actor, Id<Patient> patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Search, ConsentRecord.ResourceType, actor.TenantId, patientId), cancellationToken).ConfigureAwait(false);
        var page = await session.QueryAsync(DocumentQuery<ConsentRecord>.All.Where("patient", patientId.ToString()).OrderBy("signed-at", descending: true).Take(DocumentQuery<ConsentRecord>.MaxLimit), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    /// <summary>
    /// Checks that a patient has an active consent of a kind for the tenant and jurisdiction at an instant: a consent,
    /// not revoked, to the version of the document in effect then (or a later one). The check acts as the system
    /// component <c>consent-gate</c>, asks the access policy and is audited.
    /// </summary>
    /// <param name="request">What to check.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The result; <see cref="ConsentCheckResult.Reason"/> is one of the <c>Reason…</c> constants when not active.</returns>
    public async ValueTask<ConsentCheckResult> CheckAsync(ConsentCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var actor = ActorContext.ForSystem(request.TenantId, GateComponent);
        await using var session = _sessions.OpenSession(request.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Search, ConsentRecord.ResourceType, request.TenantId, request.PatientId), cancellationToken).ConfigureAwait(false);

        var document = await CurrentDocumentAsync(session, request.ConsentKind, request.Jurisdiction, request.At, cancellationToken).ConfigureAwait(false);
        ConsentCheckResult result;
        if (document is null)
        {
            result = new ConsentCheckResult(false, null, ReasonNoDocument);
        }
        else
        {
            var consents = await session.QueryAsync(
                DocumentQuery<ConsentRecord>.All.Where("patient-kind", IntakeCollections.PatientKind(request.PatientId, request.ConsentKind)).OrderBy("signed-at", descending: true).Take(DocumentQuery<ConsentRecord>.MaxLimit),
                cancellationToken).ConfigureAwait(false);
            var applicable = consents.Items.Where(c => c.SignedAt <= request.At && document.AppliesIn(c.Jurisdiction) && c.Jurisdiction == request.Jurisdiction).ToList();
            var active = applicable.FirstOrDefault(c => c.Status == ConsentStatus.Active && IsCurrent(c, document));
            result = active is not null
                ? new ConsentCheckResult(true, active.Id.ToString(), null)
                : applicable.Count == 0
                    ? new ConsentCheckResult(false, null, ReasonMissing)
                    : applicable.Any(c => c.Status == ConsentStatus.Active)
                        ? new ConsentCheckResult(false, null, ReasonSupersededVersion)
                        : new ConsentCheckResult(false, null, ReasonRevoked);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    private static bool IsCurrent(ConsentRecord consent, ConsentDocument current)
        => consent.DocumentId == current.Id || string.Equals(consent.TextHash, current.TextHash, StringComparison.Ordinal);

    private static async Task<ConsentDocument?> CurrentDocumentAsync(IStorageSession session, string kind, Jurisdiction jurisdiction, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var page = await session.QueryAsync(DocumentQuery<ConsentDocument>.All.Where("kind", kind).OrderBy("effective-from", descending: true).Take(DocumentQuery<ConsentDocument>.MaxLimit), cancellationToken).ConfigureAwait(false);
        return page.Items.FirstOrDefault(d => d.EffectiveFrom <= at && d.AppliesIn(jurisdiction));
    }

    private async Task<ConsentRecord> FindOrDenyAsync(IStorageSession session, ActorContext actor, Id<ConsentRecord> consentId, AccessAction action, CancellationToken cancellationToken)
    {
        var consent = await session.FindAsync(consentId, cancellationToken).ConfigureAwait(false);
        if (consent is null || consent.TenantId != actor.TenantId || consent.Id != consentId)
        {
            await _guard.RecordFailureAsync(new AccessRequest(actor, action, ConsentRecord.ResourceType, actor.TenantId, null, consentId.ToString()), RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(ConsentRecord.ResourceType, consentId.ToString());
        }

        await _guard.AuthorizeAsync(session, new AccessRequest(actor, action, ConsentRecord.ResourceType, actor.TenantId, consent.PatientId, consentId.ToString()), cancellationToken).ConfigureAwait(false);
        return consent;
    }
}
