using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.Definitions;

/// <summary>Every non-final state declares what it waits on; the declared work is created, kept, completed or cancelled by the transitions.</summary>
public class WaitDeclarationTests
{
    private static readonly PathTrigger Submit = PathTrigger.Create("submit");
    private static readonly PathTrigger Decide = PathTrigger.Create("decide");
    private static readonly PathTrigger Withdraw = PathTrigger.Create("withdraw");
    private static readonly WorkItemKind Review = new("wound-review");

    [Fact]
    public void Build_CustomPathWithAWaitingStateThatDeclaresNothing_FailsWithAClearProblem()
    {
        var builder = CarePathBuilder.Create("wound-check")
            .State("photo", s => s.AwaitsPatient("the patient uploads a photo").Permit(Submit, "review"))
            .State("review", s => s.Permit(Decide, "done"))
            .State("done", s => s.Final());

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        var problem = Assert.Single(ex.Problems);
        Assert.Equal(("states.review.waits", "undeclared-wait"), (problem.Path, problem.Code));
        Assert.Equal(
            "State 'review' is not final but does not declare what a case in it waits on, so it could wait with nobody told to act. Declare AwaitsWork(kind, title) for the role that must act, or AwaitsPatient(...) or AwaitsSystem(...).",
            problem.Message);
    }

    [Fact]
    public void Build_FinalStateOrContinuingParentThatDeclaresAWait_FailsValidation()
    {
        var builder = CarePathBuilder.Create("wound-check")
            .State("photo", s => s.AwaitsPatient("photo").Permit(Submit, "visit"))
            .State("visit", s => s.AwaitsWork(Review, "Review").InitialTransition("booking"))
            .State("booking", s => s.SubstateOf("visit").AwaitsSystem("booking").Permit(Decide, "done"))
            .State("done", s => s.Final().AwaitsSystem("nothing"));

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        Assert.Equal(
            [("states.visit.waits", "wait-on-non-resting-state"), ("states.done.waits", "wait-on-non-resting-state")],
            ex.Problems.Select(p => (p.Path, p.Code)));
    }

    [Fact]
    public void Build_WorkCancelledByATriggerTheStateDoesNotPermit_FailsValidation()
    {
        var builder = CarePathBuilder.Create("wound-check")
            .State("review", s => s.AwaitsWork(Review, "Review", w => w.CancelledBy(Withdraw)).Permit(Decide, "done"))
            .State("done", s => s.Final());

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        Assert.Equal(("states.review.waits", "trigger-without-target"), (Assert.Single(ex.Problems).Path, ex.Problems[0].Code));
    }

    [Fact]
    public void OnlyWhen_OtherwiseWork_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CarePathBuilder.Create("p").State("s", s => s.AwaitsWork(Review, "Review", w => w.OnlyWhen("always", _ => true, StateWaitKind.Work))));
    }

    [Fact]
    public void Fire_IntoAndOutOfWorkStates_CreatesCompletesAndCancelsTheWork()
    {
        var path = CarePathBuilder.Create("wound-check")
            .State("photo", s => s.AwaitsPatient("photo").Permit(Submit, "review"))
            .State("review", s => s
                .AwaitsWork(Review, "Review wound photo", w => w.WithoutLicence().RequireSpecialty("wound-care").CancelledBy(Withdraw))
                .OnEntry("raise priority", _ => [new SetPriority(WorkItemPriority.Urgent)])
                .Permit(Decide, "done")
                .Permit(Withdraw, "done"))
            .State("done", s => s.Final())
            .Build();

        var photo = TestData.NewCase(path);
        var entered = path.Fire(new TransitionRequest(photo, TestData.Facts(photo), TestData.System(), Submit, null, TestData.Now));
        Assert.Equal(
            [new SetPriority(WorkItemPriority.Urgent), new CreateWorkItem(Review, "Review wound photo") { RequiresLicence = false, RequiredSpecialty = "wound-care" }],
            entered.Effects);

        var review = TestData.NewCase(path, "review");
        var decided = path.Fire(new TransitionRequest(review, TestData.Facts(review), TestData.System(), Decide, null, TestData.Now));
        var withdrawn = path.Fire(new TransitionRequest(review, TestData.Facts(review), TestData.System(), Withdraw, null, TestData.Now));
        Assert.Equal([new CloseWorkItems(Review, WorkItemStatus.Completed)], decided.Effects);
        Assert.Equal([new CloseWorkItems(Review, WorkItemStatus.Cancelled)], withdrawn.Effects);
        var state = Assert.Single(path.States, s => s.Name == "review");
        Assert.Equal((StateWaitKind.Work, "Review wound photo", Review), (state.WaitsOn, state.WaitDescription, state.Work!.Kind));
    }

    [Fact]
    public void Fire_BetweenStatesAwaitingTheSameKindOfWork_KeepsTheItem()
    {
        var awaiting = TestData.NewCase(BuiltInCarePaths.AsyncConsult, CareStates.AwaitingReview);
        var consent = new Clinical.ConsentCheckResult(true, "consent-1", null);

        var result = BuiltInCarePaths.AsyncConsult.Fire(new TransitionRequest(awaiting, TestData.Facts(awaiting), TestData.Clinician(), CareTriggers.StartReview, null, TestData.Now) { Consent = consent });

        Assert.Equal(CareStates.InReview, result.Destination);
        Assert.DoesNotContain(result.Effects, e => e is CreateWorkItem or CloseWorkItems);
    }

    [Fact]
    public void Fire_EscalateFromSubmitted_CreatesLicensedEscalationWork()
    {
        var submitted = TestData.NewCase(BuiltInCarePaths.AsyncConsult);

        var result = BuiltInCarePaths.AsyncConsult.Fire(new TransitionRequest(submitted, TestData.Facts(submitted), TestData.System(), CareTriggers.Escalate, new EscalationRequest(EscalationReason.RedFlag, "phq9-self-harm"), TestData.Now));

        Assert.Equal(CareStates.Escalated, result.Destination);
        var work = Assert.Single(result.Effects.OfType<CreateWorkItem>());
        Assert.Equal((BuiltInCarePaths.EscalatedCaseWork, true), (work.Kind, work.RequiresLicence));
        Assert.True(result.Effects.ToList().IndexOf(work) > result.Effects.ToList().FindIndex(e => e is SetPriority), "the work is created after the escalation raised the priority");
    }
}
