using Microsoft.Extensions.DependencyInjection;
using Remedora.Audit;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Consent;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>
/// The full hybrid journey on SQLite, composed as an application composes it: Intake (forms, red flags, consent and
/// the consent gate), CarePaths and Audit on the Entity Framework Core provider. CarePaths reacts to Intake only
/// through the IntakeSubmitted event in the outbox.
/// </summary>
public class HybridJourneyTests
{
    private static readonly FormCoding[] Frequencies =
    [
        new("http://example.org/phq9-frequency", "0", "Not at all"),
        new("http://example.org/phq9-frequency", "1", "Several days"),
        new("http://example.org/phq9-frequency", "2", "More than half the days"),
        new("http://example.org/phq9-frequency", "3", "Nearly every day"),
    ];

    [Fact]
    public async Task HybridJourney_IntakeWithRedFlagToFollowUpOnSqlite_KeepsOneHistoryAndTheAuditChainVerifies()
    {
        var form = Phq9();
        await using var h = await EfDatabases.SqliteAsync(r => r.AddIntake().AddIntakeForm(form).AddAudit(), testConsentGate: false);
        var tenant = CarePathsHarness.Tenant;
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        var coordinatorRecord = await h.AddPractitionerAsync();
        var pharmacistRecord = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, clinician, coordinatorRecord, pharmacistRecord);
        var doctor = ActorContext.ForClinician(tenant, clinician.Id);
        var coordinator = ActorContext.ForCareCoordinator(tenant, coordinatorRecord.Id);
        var pharmacist = ActorContext.ForPharmacist(tenant, pharmacistRecord.Id);
        var me = ActorContext.ForPatient(tenant, patient.Id);

        // Telehealth consent, captured through Intake; CarePaths asks for it through IConsentGate.
        var consents = h.Services.GetRequiredService<ConsentService>();
        var document = await consents.PublishDocumentAsync(ActorContext.ForAdministrator(tenant, "admin-1", PurposeOfUse.Operations), ConsentKinds.Telehealth, "1.0", "Telehealth consent", "I agree to receive care by video and messaging.", h.Clock.GetUtcNow(), [CarePathsHarness.California]);
        await consents.CaptureAsync(me, new ConsentCapture { PatientId = patient.Id, DocumentId = document.Id, TextHash = document.TextHash, Jurisdiction = CarePathsHarness.California, SignerName = "Test Patient", Method = SignatureMethod.TypedName, Signature = "Test Patient" });

        // The case opens asynchronously; the patient's PHQ-9 raises a critical red flag.
        var careCase = await h.Engine.OpenCaseAsync(coordinator, new OpenCaseRequest(patient.Id, BuiltInCarePaths.HybridName));
        var answers = FormResponseBuilder.For(form);
        for (var i = 1; i <= 9; i++)
        {
            answers.Answer($"phq9-{i}", new CodingAnswer(Frequencies[i == 9 ? 1 : 0]));
        }

        await h.Services.GetRequiredService<IntakeSubmissionService>().SubmitAsync(me, patient.Id, answers.Build(), careCase.Id);
        Assert.Equal(1, await DeliverOutboxAsync(h, IntakeSubmitted.MessageType));

        // Escalation moved the same case into the live visit.
        var escalated = await h.Engine.GetCaseAsync(doctor, careCase.Id);
        Assert.Equal(CareStates.Requested, escalated.Case.State);
        Assert.True(escalated.Facts.HasCriticalRedFlag);
        Assert.Equal(WorkItemPriority.Stat, escalated.Facts.Priority);

        var booking = new VisitBooking("appt-1", h.Clock.GetUtcNow().AddHours(2), EncounterModality.Video);
        await Step(h.Engine.FireAsync(coordinator, careCase.Id, CareTriggers.Schedule, booking), CareStates.Scheduled);
        h.Clock.Advance(TimeSpan.FromHours(2));
        await Step(h.Engine.FireAsync(me, careCase.Id, CareTriggers.CheckIn), CareStates.CheckedIn);
        await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.StartVisit), CareStates.InProgress);
        h.Clock.Advance(TimeSpan.FromMinutes(20));
        await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.CompleteVisit), CareStates.Completed);
        var signNote = Assert.Single(await h.WorkItemsAsync(careCase.Id), w => w.Kind == WorkItemKind.SignNote);
        Assert.Equal(clinician.Id, signNote.AssignedTo);
        await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.SignDocumentation), CareStates.DocumentationSigned);

        // The decision, prescribing and fulfillment, and the follow-up.
        await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.Prescribe, new PrescriptionOrder("rx-1", IsControlledSubstance: false)), CareStates.Prescribing);
        await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.PrescriptionSent), CareStates.Fulfillment);
        await Step(h.Engine.FireAsync(pharmacist, careCase.Id, CareTriggers.Fulfilled), CareStates.FollowUp);
        h.Clock.Advance(TimeSpan.FromDays(14));
        var closed = await Step(h.Engine.FireAsync(doctor, careCase.Id, CareTriggers.Close), CareStates.Closed);
        Assert.NotNull(closed.Case.ClosedAt);

        var history = await h.Engine.GetHistoryAsync(doctor, careCase.Id);
        Assert.Equal(
            ["open", "escalate", "schedule", "check-in", "start-visit", "complete-visit", "sign-documentation", "prescribe", "prescription-sent", "fulfilled", "close"],
            history.Select(e => e.Trigger));
        Assert.Equal(Enumerable.Range(0, history.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.All(await h.WorkItemsAsync(careCase.Id), w => Assert.True(w.Status is WorkItemStatus.Completed or WorkItemStatus.Cancelled, $"{w.Kind} is {w.Status}"));

        var verification = await h.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(tenant);
        Assert.True(verification.IsIntact, verification.Break?.Description);
        Assert.Equal((await h.AuditAsync()).Count, verification.RecordsVerified);
        Assert.True(verification.RecordsVerified > 20);
    }

    private static async Task<FireOutcome> Step(Task<FireOutcome> fire, string expected)
    {
        var outcome = await fire;
        Assert.True(outcome.IsMoved, $"expected a move to {expected}: {outcome.Status} {string.Join(", ", outcome.Refusals.Select(r => r.Code))}");
        Assert.Equal(expected, outcome.ToState);
        return outcome;
    }

    /// <summary>Delivers the tenant's pending outbox messages of one type to their handlers, as the outbox dispatcher does.</summary>
    private static async Task<int> DeliverOutboxAsync(CarePathsHarness h, string messageType)
    {
        var handlers = h.Services.GetServices<IOutboxHandler>().Where(x => x.MessageType == messageType).ToList();
        var delivered = 0;
        foreach (var leased in await h.WorkQueue.ClaimNextAsync(new ClaimRequest { Queue = OutboxMessage.QueueName, TenantId = CarePathsHarness.Tenant, Owner = "journey-dispatcher", LeaseDuration = TimeSpan.FromMinutes(1), MaxItems = 1000 }))
        {
            var item = leased.Item;
            if (item.MessageType == messageType)
            {
                var envelope = new OutboxEnvelope(item.Id, item.TenantId, item.MessageType!, item.Payload!, item.IdempotencyKey!, leased.Lease.Attempt, item.CreatedAt);
                foreach (var handler in handlers)
                {
                    await handler.HandleAsync(envelope, CancellationToken.None);
                }

                delivered++;
            }

            await h.WorkQueue.CompleteAsync(leased.Lease);
        }

        return delivered;
    }

    private static FormDefinition Phq9() => FormBuilder.Create("https://forms.remedora.test/phq-9", "1.0.0")
        .Title("Patient Health Questionnaire (PHQ-9)")
        .Status(FormStatus.Active)
        .Group("phq9", "Over the last 2 weeks, how often have you been bothered by the following problems?", g =>
        {
            for (var i = 1; i <= 9; i++)
            {
                g.Choice($"phq9-{i}", $"Question {i}", q =>
                {
                    q.Required();
                    for (var score = 0; score < Frequencies.Length; score++)
                    {
                        q.Option(Frequencies[score], score);
                    }
                });
            }
        })
        .RedFlag("phq9-self-harm", RuleCondition.Ordinal("phq9-9", ComparisonOperator.GreaterThan, 0), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 'Not at all'")
        .Build();
}
