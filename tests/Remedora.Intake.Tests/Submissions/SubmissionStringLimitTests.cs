using Remedora.Clinical;
using Remedora.Intake.Building;
using Remedora.Intake.Submissions;

namespace Remedora.Intake.Tests.Submissions;

/// <summary>FHIR R4's 1,048,576-character limit on strings, at submission and correction, on every storage provider.</summary>
public abstract class SubmissionStringLimitTests : IAsyncLifetime
{
    private static readonly Id<Patient> PatientId = Id<Patient>.New();

    private IntakeStorage _storage = null!;

    protected abstract Task<IntakeStorage> CreateStorageAsync();

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        await _storage.AddPatientAsync(PatientId);
    }

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    private static ActorContext Patient => ActorContext.ForPatient(IntakeStorage.Tenant, PatientId);

    private static FormResponse Telehealth(string details) => FormResponseBuilder.For(SampleForms.Telehealth())
        .Answer("birth-date", AnswerValue.Of(new DateOnly(1990, 1, 1)))
        .Answer("main-symptom", AnswerValue.Code("http://snomed.info/sct", "271807003"))
        .Answer("details", AnswerValue.Of(details))
        .Build();

    private static FormResponse WithFirstItemText(FormResponse response, int length)
        => response with { Items = [response.Items[0] with { Text = new string('t', length) }, .. response.Items.Skip(1)] };

    [SkippableFact]
    public async Task SubmitAsync_AnswerLongerThanTheFhirStringLimit_IsATypedProblemWithTheItemPathAndStoresNothing()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, Telehealth(new string('x', IntakeSubmissionLimits.MaxStringLength + 1))));

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(IntakeSubmissionLimits.StringTooLongCode, problem.Code);
        Assert.EndsWith("item[details].answer[0]", problem.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", problem.Message + problem.Path + ex.Message, StringComparison.Ordinal);
        Assert.Empty(await _storage.Submissions.ListForPatientAsync(Patient, PatientId));
        Assert.DoesNotContain(await _storage.AuditEventsAsync(), e => e.Action == AuditAction.Create);
    }

    [SkippableFact]
    public async Task SubmitAsync_ItemTextAtTheLimit_IsStoredAndOneCharacterMoreIsRefused()
    {
        var atLimit = WithFirstItemText(Telehealth("a short note"), IntakeSubmissionLimits.MaxStringLength);
        var over = WithFirstItemText(Telehealth("a short note"), IntakeSubmissionLimits.MaxStringLength + 1);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.SubmitAsync(Patient, PatientId, over));
        var stored = await _storage.Submissions.SubmitAsync(Patient, PatientId, atLimit);

        Assert.Equal($"item[{over.Items[0].LinkId}]", Assert.Single(ex.Problems).Path);
        Assert.Equal(IntakeSubmissionLimits.MaxStringLength, stored.Response.Items[0].Text!.Length);
        Assert.Single(await _storage.Submissions.ListForPatientAsync(Patient, PatientId));
    }

    [SkippableFact]
    public async Task CorrectAsync_AnswerLongerThanTheFhirStringLimit_IsATypedProblemAndStoresNoRevision()
    {
        var original = await _storage.Submissions.SubmitAsync(Patient, PatientId, Telehealth("a short note"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _storage.Submissions.CorrectAsync(Patient, original.Id, Telehealth(new string('y', IntakeSubmissionLimits.MaxStringLength + 1)), "typo"));

        Assert.Equal(IntakeSubmissionLimits.StringTooLongCode, Assert.Single(ex.Problems).Code);
        Assert.Equal([original.Id], (await _storage.Submissions.GetHistoryAsync(Patient, original.Id)).Select(h => h.Id));
    }
}

public sealed class SqliteSubmissionStringLimitTests : SubmissionStringLimitTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await SqliteIntakeStorage.CreateAsync();
}

public sealed class InMemorySubmissionStringLimitTests : SubmissionStringLimitTests
{
    protected override Task<IntakeStorage> CreateStorageAsync() => Task.FromResult<IntakeStorage>(new InMemoryIntakeStorage());
}

public sealed class PostgreSqlSubmissionStringLimitTests : SubmissionStringLimitTests
{
    protected override async Task<IntakeStorage> CreateStorageAsync() => await PostgresIntakeStorage.CreateAsync();
}
