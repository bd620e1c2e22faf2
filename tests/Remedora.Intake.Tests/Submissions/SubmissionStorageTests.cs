using Remedora.Clinical;
using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.Intake.Tests.Submissions;

/// <summary>Submissions on a real storage provider. Each provider runs the same tests by deriving one class.</summary>
public abstract class SubmissionStorageTests : IAsyncLifetime
{
    private static readonly Id<Patient> PatientId = Id<Patient>.New();
    private static readonly Id<Patient> OtherPatientId = Id<Patient>.New();
    private static readonly Id<Practitioner> ClinicianId = Id<Practitioner>.New();

    private IntakeStorage _storage = null!;

    protected abstract Task<IntakeStorage> CreateStorageAsync();

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        await _storage.AddPatientAsync(PatientId);
        await _storage.AddPatientAsync(OtherPatientId);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static ActorContext Patient => ActorContext.ForPatient(IntakeStorage.Tenant, PatientId).WithSource(new RequestSource("patient-portal", "203.0.113.7", "iOS"));

    [SkippableFact]
    public async Task SubmitAsync_ValidPhq9_StoresScoresFlagsAuditAndEventInOneUnitOfWork()
    {
        var form = SampleForms.Phq9();
        var response = SampleForms.Phq9Answers(form, 1, 1, 1, 1, 1, 1, 1, 1, 2);

        var submission = await _storage.Submissions.SubmitAsync(Patient, PatientId, response);

        Assert.Equal(form.Reference, submission.Form);
        Assert.Equal(10m, submission.Scores["total"]);
        Assert.Equal("phq9-self-harm", Assert.Single(submission.RedFlags).RuleId);
        Assert.Equal((1, submission.Id, (Id<IntakeSubmission>?)null), (submission.Revision, submission.OriginalId, submission.Supersedes));
        var stored = await _storage.Submissions.GetAsync(Patient, submission.Id);
        Assert.Equal(Remedora.Intake.Serialization.FormJson.Serialize(submission.Response), Remedora.Intake.Serialization.FormJson.Serialize(stored.Response));
        Assert.Equal(9, stored.Response.Items[0].Items.Count);

        var audit = await _storage.AuditEventsAsync();
        Assert.Contains(audit, e => e.Action == AuditAction.Create && e.ResourceType == IntakeSubmission.ResourceType && e.ResourceId == submission.Id.ToString() && e.PatientId == PatientId && e.Outcome == AuditOutcome.Success);
        var outbox = await _storage.Queue.ListAsync(new QueueQuery { Queue = OutboxMessage.QueueName });
        var message = Assert.Single(outbox.Items, m => m.MessageType == IntakeSubmitted.MessageType);
        Assert.Contains(submission.Id.ToString(), message.Payload, StringComparison.Ordinal);
        Assert.Contains("phq9-self-harm", message.Payload, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SubmitAsync_InvalidAnswers_ThrowsEveryProblemAndStoresNothing()
    {
        var form = SampleForms.Phq9();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, SampleForms.Phq9Answers(form, 1, 1)));

        Assert.Equal(7, ex.Problems.Count);
        Assert.Empty(await _storage.Submissions.ListForPatientAsync(Patient, PatientId));
        Assert.DoesNotContain(await _storage.AuditEventsAsync(), e => e.Action == AuditAction.Create);
    }

    [SkippableFact]
    public async Task SubmitAsync_AttachmentOfWrongTypeOrTooLarge_IsRefused()
    {
        var form = SampleForms.Telehealth();
        var rash = AnswerValue.Code("http://snomed.info/sct", "271807003");
        FormResponse WithPhoto(FormAttachment photo) => FormResponseBuilder.For(form)
            .Answer("birth-date", AnswerValue.Of(new DateOnly(1990, 1, 1)))
            .Answer("main-symptom", rash)
            .Answer("photo", AnswerValue.Of(photo))
            .Build();

        var wrongType = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, WithPhoto(new FormAttachment { ContentType = "application/x-msdownload", Url = "https://files.example.org/1", Size = 10 })));
        var tooLarge = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, WithPhoto(new FormAttachment { ContentType = "image/jpeg", Url = "https://files.example.org/2", Size = 5_000_001 })));
        var ok = await _storage.Submissions.SubmitAsync(Patient, PatientId, WithPhoto(new FormAttachment { ContentType = "image/jpeg", Url = "https://files.example.org/3", Size = 5_000_000 }));

        Assert.Equal([IntakeProblemCodes.ContentType], wrongType.Problems.Select(p => p.Code));
        Assert.Equal([IntakeProblemCodes.AttachmentSize], tooLarge.Problems.Select(p => p.Code));
        Assert.Equal("https://files.example.org/3", ((AttachmentAnswer)Assert.Single((await _storage.Submissions.GetAsync(Patient, ok.Id)).Response.Items.Single(i => i.LinkId == "symptoms").Items, i => i.LinkId == "photo").Answers[0].Value).Value.Url);
    }

    [SkippableFact]
    public async Task GetAsync_OtherPatient_LooksLikeNotFoundAndIsAuditedAsDenied()
    {
        var submission = await _storage.Submissions.SubmitAsync(Patient, PatientId, SampleForms.Phq9Answers(SampleForms.Phq9(), 0, 0, 0, 0, 0, 0, 0, 0, 0));
        var other = ActorContext.ForPatient(IntakeStorage.Tenant, OtherPatientId);

        var ex = await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.GetAsync(other, submission.Id));
        var missing = await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.GetAsync(other, Id<IntakeSubmission>.New()));

        Assert.Equal(missing.Code, ex.Code);
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Outcome == AuditOutcome.Denied && e.ResourceId == submission.Id.ToString() && e.ActorId == other.UserId);
        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.ListForPatientAsync(other, PatientId));
        await Assert.ThrowsAsync<RecordNotFoundException>(() => _storage.Submissions.SubmitAsync(other, PatientId, SampleForms.Phq9Answers(SampleForms.Phq9(), 0, 0, 0, 0, 0, 0, 0, 0, 0)));
    }

    [SkippableFact]
    public async Task CorrectAsync_NewRevisionLinkedToTheOld_OldUnchanged()
    {
        var form = SampleForms.Phq9();
        var original = await _storage.Submissions.SubmitAsync(Patient, PatientId, SampleForms.Phq9Answers(form, 0, 0, 0, 0, 0, 0, 0, 0, 1));
        _storage.Relationships.AddTenantMember(IntakeStorage.Tenant, ClinicianId).AddCareTeamMember(IntakeStorage.Tenant, ClinicianId, PatientId);
        var clinician = ActorContext.ForClinician(IntakeStorage.Tenant, ClinicianId);

        var corrected = await _storage.Submissions.CorrectAsync(clinician, original.Id, SampleForms.Phq9Answers(form, 0, 0, 0, 0, 0, 0, 0, 0, 0), "patient reported a mis-tap");
        var again = await _storage.Submissions.CorrectAsync(Patient, corrected.Id, SampleForms.Phq9Answers(form, 1, 0, 0, 0, 0, 0, 0, 0, 0), "second thoughts");

        Assert.Equal((2, original.Id, original.Id), (corrected.Revision, corrected.OriginalId, corrected.Supersedes!.Value));
        Assert.Empty(corrected.RedFlags);
        var reread = await _storage.Submissions.GetAsync(Patient, original.Id);
        Assert.Equal(original.Version, reread.Version);
        Assert.Single(reread.RedFlags);
        var history = await _storage.Submissions.GetHistoryAsync(Patient, corrected.Id);
        Assert.Equal([original.Id, corrected.Id, again.Id], history.Select(h => h.Id).ToArray());
        Assert.Equal("second thoughts", history[2].CorrectionReason);
        Assert.Contains(await _storage.AuditEventsAsync(), e => e.Action == AuditAction.Update && e.ResourceId == corrected.Id.ToString() && e.ActorRole == ActorRole.Clinician);
    }

    [SkippableFact]
    public async Task CorrectAsync_TwoConcurrentCorrectionsOfOneSubmission_OneWinsOneConflicts()
    {
        var form = SampleForms.Phq9();
        var original = await _storage.Submissions.SubmitAsync(Patient, PatientId, SampleForms.Phq9Answers(form, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await _storage.Submissions.CorrectAsync(Patient, original.Id, SampleForms.Phq9Answers(form, i, 0, 0, 0, 0, 0, 0, 0, 0), $"correction {i}");
        })).ToArray();
        start.Set();
        var outcomes = await Task.WhenAll(tasks.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (ConcurrencyConflictException)
            {
                return "conflict";
            }
        }));

        Assert.Equal(["conflict", "ok"], outcomes.Order().ToArray());
        Assert.Equal(2, (await _storage.Submissions.GetHistoryAsync(Patient, original.Id)).Count);
    }

    [SkippableFact]
    public async Task SubmitAsync_FormNotInCatalog_ThrowsTypedError()
    {
        var unknown = new FormResponse { Form = new FormVersionReference("https://forms.remedora.test/unknown", "1") };

        var ex = await Assert.ThrowsAsync<FormNotFoundException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, unknown));

        Assert.Equal(FormNotFoundException.ErrorCode, ex.Code);
    }
}

public sealed class SqliteSubmissionStorageTests : SubmissionStorageTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await SqliteIntakeStorage.CreateAsync();
}

public sealed class InMemorySubmissionStorageTests : SubmissionStorageTests
{
    protected override Task<IntakeStorage> CreateStorageAsync() => Task.FromResult<IntakeStorage>(new InMemoryIntakeStorage());
}

public sealed class PostgreSqlSubmissionStorageTests : SubmissionStorageTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await PostgresIntakeStorage.CreateAsync();
}
