using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Submissions;

namespace Remedora.Fhir.Tests.Questionnaires;

[Collection(FhirSpecificationCollection.Name)]
public class SubmissionExportTests(FhirSpecificationFixture fixture)
{
    [Theory]
    [InlineData(false, "Completed")]
    [InlineData(true, "Amended")]
    public void Export_Submission_IsAValidQuestionnaireResponseOfTheExactVersion(bool correction, string status)
    {
        var compiled = QuestionnaireFiles.Compiled(QuestionnaireFiles.Phq9);
        var evaluation = compiled.Evaluate(FormFiller.Fill(compiled.Definition));
        var id = Id<IntakeSubmission>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b41");
        var submission = new IntakeSubmission
        {
            Id = id,
            TenantId = TenantId.Parse("clinic-a"),
            PatientId = Id<Patient>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b11"),
            Form = compiled.Reference,
            Response = evaluation.Response,
            OriginalId = id,
            Supersedes = correction ? Id<IntakeSubmission>.Parse("0190f3c2-7b6a-7cc1-9a55-3d2a1c9e0b40") : null,
            Revision = correction ? 2 : 1,
            SubmittedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
            SubmittedBy = "user-1",
            SubmittedByRole = ActorRole.Patient,
        };

        var response = QuestionnaireResponseMapper.Export(submission);

        Assert.Equal(status, response.Status.ToString());
        Assert.Equal(id.ToString(), response.Id);
        Assert.Equal(compiled.Reference.ToString(), response.Questionnaire);
        Assert.Equal("2026-01-02T03:04:05+00:00", response.Authored);
        Assert.Equal(9, response.Item[0].Item.Count(i => i.Answer.Count == 1 && i.LinkId!.StartsWith("H1/T1/Q", StringComparison.Ordinal)));
        var report = fixture.Validator.Validate(response);
        Assert.True(report.IsValid, string.Join("; ", report.Errors.Select(e => $"{e.Location}: {e.Message}")));
    }
}
