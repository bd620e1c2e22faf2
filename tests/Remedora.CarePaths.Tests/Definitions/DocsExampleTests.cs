using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.Definitions;

/// <summary>The custom path example of docs/care-paths.md, kept compiling and working here.</summary>
public class DocsExampleTests
{
    [Fact]
    public void CustomPathExample_BuildsAndRoutesSecondOpinionWork()
    {
        var secondOpinion = PathTrigger.Create("request-second-opinion", ActorRole.Clinician);
        var opinionGiven = PathTrigger.Create("second-opinion-given", ActorRole.Clinician);
        var dermatology = CarePathBuilder.Extend(BuiltInCarePaths.AsyncConsult, "derm-consult")
            .State(CareStates.InReview, s => s
                .Permit(secondOpinion, "second-opinion")
                .Guard(CareTriggers.Decline, "decline reason given", c =>
                    GuardResult.When(c.GetArgument<DeclineDecision>().ReasonCode.Length > 0, "reason-required", "Give a decline reason.")))
            .State("second-opinion", s => s
                .AwaitsWork(new WorkItemKind("second-opinion"), "Give a second opinion", w => w.RequireSpecialty("dermatology"))
                .Permit(opinionGiven, CareStates.InReview)
                .Sla(TimeSpan.FromHours(8), TimeSpan.FromHours(1), opinionGiven))
            .Build();

        var careCase = TestData.NewCase(dermatology, CareStates.InReview);
        var result = dermatology.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), secondOpinion, null, TestData.Now));

        Assert.Equal("second-opinion", result.Destination);
        Assert.Equal("dermatology", Assert.Single(result.Effects.OfType<CreateWorkItem>()).RequiredSpecialty);
        Assert.Contains("second-opinion --> inreview : second-opinion-given", dermatology.ToMermaid().Replace("secondopinion", "second-opinion", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
