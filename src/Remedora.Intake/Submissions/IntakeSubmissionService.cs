using System.Security.Cryptography;
using System.Text;
using Remedora.Access;
using Remedora.Clinical;
using Remedora.Intake.Engine;
using Remedora.Storage;

namespace Remedora.Intake.Submissions;

/// <summary>
/// Stores submissions: evaluates the answers, refuses invalid ones, stores what the engine kept (answers of disabled
/// items dropped), and in the same unit of work audits the write and publishes <see cref="IntakeSubmitted"/>. Every
/// call asks the access policy first; out-of-scope reads look like "not found".
/// </summary>
public sealed class IntakeSubmissionService
{
    private readonly IStorageSessionFactory _sessions;
    private readonly AccessGuard _guard;
    private readonly FormEngine _engine;
    private readonly FormCatalog _catalog;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="IntakeSubmissionService"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">Checks access and audits it.</param>
    /// <param name="engine">The form engine.</param>
    /// <param name="catalog">The form definitions answers may be to.</param>
    /// <param name="timeProvider">The clock.</param>
    public IntakeSubmissionService(IStorageSessionFactory sessions, AccessGuard guard, FormEngine engine, FormCatalog catalog, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _guard = guard;
        _engine = engine;
        _catalog = catalog;
        _timeProvider = timeProvider;
    }

    /// <summary>Submits answers for a patient.</summary>
    /// <param name="actor">Who submits (the patient, or a clinician for them).</param>
    /// <param name="patientId">The patient the answers are about.</param>
    /// <param name="response">The answers; <see cref="FormResponse.Form"/> names the exact form version, which must be in the catalog.</param>
    /// <param name="caseId">The care case the intake is for, if any.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The stored submission, with its scores and red flags.</returns>
    /// <exception cref="ValidationFailedException">The answers have problems; every one is listed. A string longer than FHIR R4's 1,048,576 characters is <see cref="IntakeSubmissionLimits.StringTooLongCode"/> with its item path, and nothing is stored.</exception>
    /// <exception cref="FormNotFoundException">The form version is not in the catalog.</exception>
    /// <exception cref="RecordNotFoundException">The actor may not reach the patient's records, the tenant has no such patient, or
    /// <paramref name="caseId"/> is not a case of this patient in the actor's tenant and scope (indistinguishable from a random id;
    /// nothing is written and the attempt is audited).</exception>
    public async Task<IntakeSubmission> SubmitAsync(ActorContext actor, Id<Patient> patientId, FormResponse response, Id<CareCase>? caseId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(response);
        var id = Id<IntakeSubmission>.New(_timeProvider);
        return await StoreAsync(actor, patientId, response, caseId, id, id, 1, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Corrects a submission: stores the corrected answers as a new submission with the next revision, linked to the one
    /// it corrects. The corrected submission is never changed. Two concurrent corrections of the same submission cannot
    /// both succeed: the second gets <see cref="ConcurrencyConflictException"/>.
    /// </summary>
    /// <param name="actor">Who corrects.</param>
    /// <param name="previousId">The latest submission of the chain.</param>
    /// <param name="corrected">The corrected answers (to any version of the form in the catalog).</param>
    /// <param name="reason">Why (no patient data), for example <c>patient reported a typo</c>.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The new submission.</returns>
    /// <exception cref="ValidationFailedException">The corrected answers have problems (a string longer than 1,048,576 characters is <see cref="IntakeSubmissionLimits.StringTooLongCode"/>), or answer another form than the submission corrected (<see cref="IntakeProblemCodes.FormVersionMismatch"/>).</exception>
    /// <exception cref="RecordNotFoundException">The submission does not exist or is out of the actor's scope (indistinguishable; the attempt is audited).</exception>
    /// <exception cref="ConcurrencyConflictException">The submission was already corrected.</exception>
    public async Task<IntakeSubmission> CorrectAsync(ActorContext actor, Id<IntakeSubmission> previousId, FormResponse corrected, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(corrected);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var previous = await GetAsync(actor, previousId, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(corrected.Form.Url, previous.Form.Url, StringComparison.Ordinal))
        {
            throw new ValidationFailedException([new ValidationProblem("form", IntakeProblemCodes.FormVersionMismatch, "A correction answers the same form as the submission it corrects (any version of it in the catalog).")]);
        }

        var revision = previous.Revision + 1;
        var id = RevisionId(previous.OriginalId, revision);
        return await StoreAsync(actor, previous.PatientId, corrected, previous.CaseId, id, previous.OriginalId, revision, previous.Id, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a submission.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="id">The submission.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The submission.</returns>
    /// <exception cref="RecordNotFoundException">It does not exist or is out of the actor's scope (indistinguishable).</exception>
    public async Task<IntakeSubmission> GetAsync(ActorContext actor, Id<IntakeSubmission> id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var submission = await session.FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (submission is null || submission.TenantId != actor.TenantId || submission.Id != id)
        {
            await _guard.RecordFailureAsync(new AccessRequest(actor, AccessAction.Read, IntakeSubmission.ResourceType, actor.TenantId, null, id.ToString()), RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(IntakeSubmission.ResourceType, id.ToString());
        }

        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Read, IntakeSubmission.ResourceType, actor.TenantId, submission.PatientId, id.ToString()), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return submission;
    }

    /// <summary>Lists every revision of a submission's chain of corrections, oldest first.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="id">Any submission of the chain.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The revisions.</returns>
    /// <exception cref="RecordNotFoundException">It does not exist or is out of the actor's scope.</exception>
    public async Task<IReadOnlyList<IntakeSubmission>> GetHistoryAsync(ActorContext actor, Id<IntakeSubmission> id, CancellationToken cancellationToken = default)
    {
        var any = await GetAsync(actor, id, cancellationToken).ConfigureAwait(false);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var page = await session.QueryAsync(DocumentQuery<IntakeSubmission>.All.Where("original", any.OriginalId.ToString()).OrderBy("revision").Take(DocumentQuery<IntakeSubmission>.MaxLimit), cancellationToken).ConfigureAwait(false);

        // Every revision of a chain is the same patient's; a stored row claiming otherwise is never returned.
        return page.Items.Where(s => s.PatientId == any.PatientId && s.TenantId == actor.TenantId).ToList();
    }

    /// <summary>Lists a patient's submissions, newest first.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="limit">The most to return.</param>
    /// <param name="cancellationToken">A token to cancel the operation.</param>
    /// <returns>The submissions.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope.</exception>
    public async Task<IReadOnlyList<IntakeSubmission>> ListForPatientAsync(ActorContext actor, Id<Patient> patientId, int limit = DocumentQuery<IntakeSubmission>.DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, new AccessRequest(actor, AccessAction.Search, IntakeSubmission.ResourceType, actor.TenantId, patientId), cancellationToken).ConfigureAwait(false);
        var page = await session.QueryAsync(DocumentQuery<IntakeSubmission>.All.Where("patient", patientId.ToString()).OrderBy("submitted-at", descending: true).Take(limit), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page.Items;
    }

    private async Task<IntakeSubmission> StoreAsync(ActorContext actor, Id<Patient> patientId, FormResponse response, Id<CareCase>? caseId, Id<IntakeSubmission> id, Id<IntakeSubmission> originalId, int revision, Id<IntakeSubmission>? supersedes, string? reason, CancellationToken cancellationToken)
    {
        var definition = _catalog.Get(response.Form);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var action = supersedes is null ? AccessAction.Create : AccessAction.Update;

        // The patient must be in the actor's scope and exist in the tenant; a case named must be that patient's. Each
        // refusal looks like a random id, writes nothing and is audited as a denied attempt.
        await IntakeReferences.AuthorizePatientAsync(session, _guard, new AccessRequest(actor, action, IntakeSubmission.ResourceType, actor.TenantId, patientId, id.ToString()), cancellationToken).ConfigureAwait(false);
        if (caseId is { } linkedCase)
        {
            await IntakeReferences.RequireCaseAsync(session, _guard, actor, linkedCase, patientId, cancellationToken).ConfigureAwait(false);
        }

        // Invalid answers throw here, before commit: nothing of the unit of work (not even the audit of access) is written.
        if (IntakeSubmissionLimits.FindOversizeStrings(response) is { Count: > 0 } oversize)
        {
            throw new ValidationFailedException(oversize);
        }

        var evaluation = _engine.Evaluate(definition, response);
        evaluation.ThrowIfInvalid();

        var scores = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var score in evaluation.Scores)
        {
            if (score.Value is { } value)
            {
                scores[score.Name] = value;
            }
        }

        var now = _timeProvider.GetUtcNow();
        var submission = session.Insert(new IntakeSubmission
        {
            Id = id,
            TenantId = actor.TenantId,
            PatientId = patientId,
            CaseId = caseId,
            Form = definition.Reference,
            Response = evaluation.Response,
            Scores = scores,
            RedFlags = evaluation.RedFlags,
            OriginalId = originalId,
            Revision = revision,
            Supersedes = supersedes,
            CorrectionReason = reason,
            SubmittedAt = now,
            SubmittedBy = actor.UserId,
            SubmittedByRole = actor.Role,
        });

        var submitted = new IntakeSubmitted
        {
            TenantId = actor.TenantId,
            OccurredAt = now,
            PatientId = patientId,
            CaseId = caseId,
            SubmissionId = id.ToString(),
            FormUrl = definition.Url,
            FormVersion = definition.Version,
            RedFlags = evaluation.RedFlags,
            Scores = scores,
        };
        session.Publish(OutboxMessage.Create(IntakeSubmitted.MessageType, submitted, $"intake-submitted:{id}"));
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return submission;
    }

    /// <summary>The id of a revision is derived from the original and the revision number, so two corrections of one submission collide.</summary>
    internal static Id<IntakeSubmission> RevisionId(Id<IntakeSubmission> originalId, int revision)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"intake-revision:{originalId}:{revision}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Id<IntakeSubmission>(new Guid(hash[..16], bigEndian: true));
    }
}
