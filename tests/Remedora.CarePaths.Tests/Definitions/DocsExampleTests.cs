using Microsoft.Extensions.DependencyInjection;
using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.Definitions;

/// <summary>The custom path example of docs/care-paths.md, kept compiling and working here.</summary>
public class DocsExampleTests
{
    [Fact]
    public void CustomPathExample_BuildsAndRoutesSecondOpinionWork()
    {
        var services = new ServiceCollection();

        // begin-snippet: care-paths-custom-path
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

        services.AddRemedora(r => r.AddCarePaths().AddCarePath(dermatology));
        // end-snippet

        Assert.Contains(services, d => d.ServiceType == typeof(CarePathEngine));
        var careCase = TestData.NewCase(dermatology, CareStates.InReview);
        var result = dermatology.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), secondOpinion, null, TestData.Now));

        Assert.Equal("second-opinion", result.Destination);
        Assert.Equal("dermatology", Assert.Single(result.Effects.OfType<CreateWorkItem>()).RequiredSpecialty);
        Assert.Contains("second-opinion --> inreview : second-opinion-given", dermatology.ToMermaid().Replace("secondopinion", "second-opinion", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void RegistrationExample_RegistersTheEngineOnInMemoryStorage()
    {
        var services = new ServiceCollection();

        // begin-snippet: care-paths-registration
        services.AddRemedora(r => r
            .UseInMemoryStorage()                 // or UseEntityFrameworkCoreStorage(...)
            .AddIntake()                          // the consent gate and IntakeSubmitted events
            .AddCarePaths(o => o.ReviewLeaseDuration = TimeSpan.FromMinutes(20)));
        // end-snippet

        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<CarePathEngine>());
    }

    // begin-snippet: care-paths-fire
    internal static async Task<FireOutcome> OpenAndApproveAsync(IServiceProvider provider, ActorContext coordinator, ActorContext clinician, Id<Patient> patientId, string requestId)
    {
        var engine = provider.GetRequiredService<CarePathEngine>();
        var careCase = await engine.OpenCaseAsync(coordinator, new OpenCaseRequest(patientId, BuiltInCarePaths.HybridName));
        var outcome = await engine.FireAsync(clinician, careCase.Id, CareTriggers.Approve, new ReviewDecision(),
            new FireOptions { IdempotencyKey = requestId });
        switch (outcome.Status)
        {
            case FireStatus.Moved: /* outcome.ToState */ break;
            case FireStatus.NotPermitted: /* outcome.Refusals: codes and messages to show */ break;
            case FireStatus.Conflict: /* someone moved it first: reload and decide again */ break;
        }

        return outcome;
    }
    // end-snippet
}
