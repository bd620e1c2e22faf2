using System.Globalization;
using System.Security.Cryptography;
using Remedora.Audit;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Consent;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.Samples.Quickstart;

/// <summary>
/// The hybrid journey, one step per method: a tenant with its care team, telehealth consent, an asynchronous case
/// whose PHQ-9 raises a red flag, escalation into a live video visit, the decision, prescribing and fulfillment, the
/// follow-up, then the case's timeline and the verification of the tenant's audit chain. It prints ids, states,
/// scores and flags, never a patient's details. The escalated case is not left waiting unseen: the clinician claims its
/// work item from the review queue before booking the visit.
/// </summary>
public sealed class QuickstartJourney(
    IRecords<Tenant> tenants,
    IRecords<Patient> patients,
    IRecords<Practitioner> practitioners,
    IRecords<CareTeam> careTeams,
    ConsentService consents,
    IntakeSubmissionService submissions,
    CarePathEngine carePaths,
    ReviewQueue reviewQueue,
    IStorageSessionFactory sessions,
    IWorkQueue workQueue,
    IEnumerable<IOutboxHandler> outboxHandlers,
    AuditChainVerifier auditVerifier,
    TimeProvider timeProvider)
{
    private static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");

    /// <summary>Runs every step and prints what it did.</summary>
    /// <param name="output">Where to print.</param>
    /// <param name="database">Which database the run uses, for the first line.</param>
    /// <param name="cancellationToken">A token to stop the journey.</param>
    /// <returns>A task that completes when the journey is done.</returns>
    public async Task RunAsync(TextWriter output, string database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"Remedora quickstart: the hybrid journey on {database}");

        var clinic = await SetUpClinicAsync(cancellationToken);
        await output.WriteLineAsync($" 1. Tenant {clinic.Tenant}: patient {clinic.Patient.Id}, clinician {clinic.Clinician.Id} (licensed in {California}), coordinator, pharmacist, one care team");

        var consent = await CaptureTelehealthConsentAsync(clinic, cancellationToken);
        await output.WriteLineAsync($" 2. Telehealth consent {consent.Id} signed by the patient ({consent.Method}) for document version {consent.DocumentVersion}");

        var careCase = await carePaths.OpenCaseAsync(clinic.Coordinator, new OpenCaseRequest(clinic.Patient.Id, BuiltInCarePaths.HybridName), cancellationToken);
        await output.WriteLineAsync($" 3. Case {careCase.Id} opened on path '{careCase.PathName}' in state '{careCase.State}'");

        var submission = await SubmitPhq9Async(clinic, careCase, cancellationToken);
        var flags = string.Join(", ", submission.RedFlags.Select(f => $"{f.RuleId} ({f.Severity}, {f.Action})"));
        await output.WriteLineAsync($" 4. PHQ-9 submitted: total {submission.Scores["phq9-total"].ToString(CultureInfo.InvariantCulture)}, red flags: {(flags.Length == 0 ? "none" : flags)}");

        var delivered = await DeliverOutboxAsync(cancellationToken);
        var escalated = await carePaths.GetCaseAsync(clinic.ClinicianActor, careCase.Id, cancellationToken);
        await output.WriteLineAsync($" 5. Outbox delivered {delivered} message(s); the red flag moved the case to '{escalated.Case.State}' at priority {escalated.Facts.Priority}");

        var claimed = await ClaimEscalatedWorkAsync(clinic, careCase.Id, cancellationToken);
        await output.WriteLineAsync($" 6. The clinician claimed the escalated case's work item (priority {claimed.Item.Priority}): '{claimed.Item.Title}', {claimed.Item.Kind}, due {claimed.Item.DueAt:HH:mm} UTC");

        var closed = await RunVisitToFollowUpAsync(clinic, careCase.Id, cancellationToken);
        await output.WriteLineAsync($" 7. Visit, decision, prescription, fulfillment and follow-up done; case '{closed.State}' at version {closed.Version}");

        await output.WriteLineAsync(" 8. Timeline");
        foreach (var entry in await carePaths.GetHistoryAsync(clinic.ClinicianActor, careCase.Id, cancellationToken))
        {
            await output.WriteLineAsync($"    #{entry.Sequence,-2} {entry.OccurredAt:HH:mm:ss.fff}  {entry.FromState ?? "(new)",-20} -> {entry.ToState,-20} {entry.Trigger} by {entry.ActorRole}");
        }

        var verification = await auditVerifier.VerifyAsync(clinic.Tenant, cancellationToken);
        await output.WriteLineAsync(verification.IsIntact
            ? $" 9. Audit chain verified: {verification.RecordsVerified} records intact, head #{verification.Head.Sequence}"
            : $" 9. Audit chain BROKEN at record {verification.Break!.Index}: {verification.Break.Reason}");
    }

    // #region set-up
    // begin-snippet: quickstart-set-up-clinic
    /// <summary>Creates the tenant, the patient, three practitioners and the patient's care team, through access-checked, audited records.</summary>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The clinic.</returns>
    public async Task<Clinic> SetUpClinicAsync(CancellationToken cancellationToken = default)
    {
        var tenantId = TenantId.Parse($"quickstart-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}");
        var onboarding = ActorContext.ForSystem(tenantId, "quickstart-onboarding");
        var now = timeProvider.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        await tenants.CreateAsync(onboarding, new Tenant { Id = tenantId, Name = "Quickstart Clinic", ServiceJurisdictions = [California], CreatedAt = now }, cancellationToken);
        var patient = await patients.CreateAsync(onboarding, new Patient
        {
            Id = default, // the SDK assigns the id
            TenantId = tenantId,
            GivenName = "Sample",
            FamilyName = "Patient",
            BirthDate = new DateOnly(1990, 4, 1),
            Email = "sample.patient@example.com",
            Jurisdiction = California,
        }, cancellationToken);

        var licence = new PractitionerLicence(California, "CA-A123456", today.AddYears(-1), today.AddYears(2));
        var clinician = await practitioners.CreateAsync(onboarding, Staff(tenantId, "Dr. Sample Clinician", licence, "psychiatry"), cancellationToken);
        var coordinator = await practitioners.CreateAsync(onboarding, Staff(tenantId, "Sample Coordinator", null, null), cancellationToken);
        var pharmacist = await practitioners.CreateAsync(onboarding, Staff(tenantId, "Sample Pharmacist", null, "pharmacy"), cancellationToken);
        await careTeams.CreateAsync(onboarding, new CareTeam
        {
            Id = default,
            TenantId = tenantId,
            PatientId = patient.Id,
            Name = "Behavioral health",
            Members = [new(clinician.Id, "primary"), new(coordinator.Id, "coordinator"), new(pharmacist.Id, "pharmacist")],
        }, cancellationToken);

        return new Clinic(
            tenantId,
            patient,
            clinician,
            ActorContext.ForPatient(tenantId, patient.Id),
            ActorContext.ForClinician(tenantId, clinician.Id),
            ActorContext.ForCareCoordinator(tenantId, coordinator.Id),
            ActorContext.ForPharmacist(tenantId, pharmacist.Id));
    }
    // end-snippet
    // #endregion set-up

    /// <summary>Publishes the tenant's telehealth consent document and has the patient sign it.</summary>
    /// <param name="clinic">The clinic.</param>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The consent record.</returns>
    public async Task<ConsentRecord> CaptureTelehealthConsentAsync(Clinic clinic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var administrator = ActorContext.ForAdministrator(clinic.Tenant, "quickstart-admin", PurposeOfUse.Operations);
        var document = await consents.PublishDocumentAsync(
            administrator,
            ConsentKinds.Telehealth,
            "1.0",
            "Consent to telehealth care",
            "I agree to receive care through asynchronous questionnaires, messaging and live video visits.",
            timeProvider.GetUtcNow(),
            [California],
            cancellationToken);
        return await consents.CaptureAsync(clinic.PatientActor, new ConsentCapture
        {
            PatientId = clinic.Patient.Id,
            DocumentId = document.Id,
            TextHash = document.TextHash,
            Jurisdiction = California,
            SignerName = "Sample Patient",
            Method = SignatureMethod.TypedName,
            Signature = "Sample Patient",
        }, cancellationToken);
    }

    // #region submit
    // begin-snippet: quickstart-submit-phq9
    /// <summary>The patient answers the PHQ-9 for the case: mild symptoms, but item 9 above zero.</summary>
    /// <param name="clinic">The clinic.</param>
    /// <param name="careCase">The case.</param>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The stored submission with its scores and red flags.</returns>
    public Task<IntakeSubmission> SubmitPhq9Async(Clinic clinic, CareCase careCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(careCase);
        int[] scores = [1, 1, 0, 2, 0, 1, 0, 0, 1];
        var answers = FormResponseBuilder.For(Phq9.Form);
        for (var i = 0; i < scores.Length; i++)
        {
            answers.Answer($"phq9-{i + 1}", new CodingAnswer(Phq9.Frequencies[scores[i]]));
        }

        return submissions.SubmitAsync(clinic.PatientActor, clinic.Patient.Id, answers.Build(), careCase.Id, cancellationToken);
    }
    // end-snippet
    // #endregion submit

    /// <summary>
    /// Delivers the outbox once, as the outbox dispatcher does in a host that registers <c>AddOutboxDispatcher()</c>:
    /// here the <c>intake.submitted</c> event reaches the care paths, which escalate the case.
    /// </summary>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The number of messages delivered.</returns>
    public async Task<int> DeliverOutboxAsync(CancellationToken cancellationToken = default)
    {
        var dispatcher = OutboxDispatcher.Create(sessions, workQueue, outboxHandlers, new OutboxDispatcherOptions(), timeProvider);
        var result = await dispatcher.RunOnceAsync(cancellationToken);
        return result.Delivered;
    }

    // #region claim
    /// <summary>
    /// The clinician takes the next work item the review queue offers them: the escalated case's booking work, at
    /// priority <c>Stat</c> because of the red flag (every state that waits on a person has such an item).
    /// </summary>
    /// <param name="clinic">The clinic.</param>
    /// <param name="caseId">The escalated case.</param>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The claimed work item and its lease.</returns>
    public async Task<ClaimedWorkItem> ClaimEscalatedWorkAsync(Clinic clinic, Id<CareCase> caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        // begin-snippet: quickstart-claim-next
        var claimed = await reviewQueue.ClaimNextAsync(clinic.ClinicianActor, cancellationToken)
            ?? throw new InvalidOperationException("The review queue offered the clinician no work: the escalated case would wait unseen.");
        // end-snippet
        if (claimed.Item.CaseId != caseId)
        {
            throw new InvalidOperationException($"The clinician was offered work item {claimed.Item.Id} of another case.");
        }

        return claimed;
    }
    // #endregion claim

    /// <summary>Moves the escalated case through the live visit, the decision, prescribing, fulfillment and the follow-up to closed.</summary>
    /// <param name="clinic">The clinic.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="cancellationToken">A token to stop the step.</param>
    /// <returns>The closed case.</returns>
    public async Task<CareCase> RunVisitToFollowUpAsync(Clinic clinic, Id<CareCase> caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        var visit = new VisitBooking("video-1", timeProvider.GetUtcNow().AddMinutes(15), EncounterModality.Video);
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.Schedule, visit, cancellationToken: cancellationToken)); // completes the booking work item
        await MoveAsync(carePaths.FireAsync(clinic.PatientActor, caseId, CareTriggers.CheckIn, cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.StartVisit, cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.CompleteVisit, cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.SignDocumentation, cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.Prescribe, new PrescriptionOrder("rx-1", IsControlledSubstance: false), cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.PrescriptionSent, cancellationToken: cancellationToken));
        await MoveAsync(carePaths.FireAsync(clinic.Pharmacist, caseId, CareTriggers.Fulfilled, cancellationToken: cancellationToken));
        var closed = await MoveAsync(carePaths.FireAsync(clinic.ClinicianActor, caseId, CareTriggers.Close, cancellationToken: cancellationToken));
        return closed.Case;
    }

    private static async Task<FireOutcome> MoveAsync(Task<FireOutcome> fire)
    {
        var outcome = await fire;
        if (!outcome.IsMoved)
        {
            var reasons = string.Join("; ", outcome.Refusals.Select(r => $"{r.Code}: {r.Message}"));
            throw new InvalidOperationException($"'{outcome.Trigger}' did not move the case from '{outcome.FromState}': {outcome.Status} {reasons}");
        }

        return outcome;
    }

    private Practitioner Staff(TenantId tenantId, string displayName, PractitionerLicence? licence, string? specialty) => new()
    {
        Id = default,
        TenantId = tenantId,
        DisplayName = displayName,
        Licences = licence is null ? [] : [licence],
        Specialties = specialty is null ? [] : [specialty],
    };
}

/// <summary>The records and actors the journey works with.</summary>
/// <param name="Tenant">The tenant.</param>
/// <param name="Patient">The patient.</param>
/// <param name="Clinician">The clinician's practitioner record.</param>
/// <param name="PatientActor">The patient, acting for themselves.</param>
/// <param name="ClinicianActor">The clinician.</param>
/// <param name="Coordinator">The care coordinator.</param>
/// <param name="Pharmacist">The pharmacist.</param>
public sealed record Clinic(
    TenantId Tenant,
    Patient Patient,
    Practitioner Clinician,
    ActorContext PatientActor,
    ActorContext ClinicianActor,
    ActorContext Coordinator,
    ActorContext Pharmacist);
