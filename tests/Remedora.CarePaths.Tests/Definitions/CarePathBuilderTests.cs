using Remedora.CarePaths;

namespace Remedora.CarePaths.Tests.Definitions;

public class CarePathBuilderTests
{
    private static readonly PathTrigger Go = PathTrigger.Create("go");
    private static readonly PathTrigger Stop = PathTrigger.Create("stop");
    private static readonly PathTrigger Orphan = PathTrigger.Create("orphan");

    [Fact]
    public void Build_InvalidPath_ReportsEveryProblemWithClearErrors()
    {
        var builder = CarePathBuilder.Create("broken")
            .Triggers(Orphan)
            .State("start", s => s.AwaitsPatient("start").Permit(Go, "middle").Permit(Stop, "nowhere"))
            .State("middle")
            .AwaitsSystem("nothing")
            .Path
            .State("island", s => s.AwaitsPatient("island").Permit(Go, "start"))
            .State("done", s => s.Final());

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        Assert.Equal(CarePathErrorCodes.InvalidDefinition, ex.Code);
        Assert.Equal(
            [
                ("states.start.stop", "undefined-destination"),
                ("states.middle", "dead-end"),
                ("triggers.orphan", "trigger-without-target"),
                ("states.island", "unreachable-state"),
                ("states.done", "unreachable-state"),
            ],
            ex.Problems.Select(p => (p.Path, p.Code)));
        Assert.Equal(
            "Care path 'broken' is invalid (5 problems): "
            + "states.start.stop: Trigger 'stop' moves state 'start' to 'nowhere', which is not a state of the path. [undefined-destination] "
            + "states.middle: State 'middle' has no way out and is not final, so cases would be stuck in it. Permit a trigger out of it, or mark it Final(). [dead-end] "
            + "triggers.orphan: Trigger 'orphan' is declared but no state permits it, so firing it could never move a case. Permit it in a state, or do not declare it. [trigger-without-target] "
            + "states.island: State 'island' cannot be reached from the initial state 'start'. Permit a trigger into it, or remove it. [unreachable-state] "
            + "states.done: State 'done' cannot be reached from the initial state 'start'. Permit a trigger into it, or remove it. [unreachable-state]",
            ex.Message);
    }

    [Fact]
    public void Build_SlaTimeoutNotPermittedInState_ReportsTriggerWithoutTarget()
    {
        var builder = CarePathBuilder.Create("sla-path")
            .State("waiting", s => s.AwaitsPatient("answer").Permit(Go, "done").Sla(TimeSpan.FromHours(1), null, Stop))
            .State("done", s => s.Final());

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        var problem = Assert.Single(ex.Problems, p => p.Path == "states.waiting.sla");
        Assert.Equal("trigger-without-target", problem.Code);
    }

    [Fact]
    public void Build_AmbiguousTransitions_AreRejected()
    {
        var builder = CarePathBuilder.Create("ambiguous")
            .State("a", s => s.AwaitsSystem("a decision").Permit(Go, "b").Permit(Go, "c"))
            .State("b", s => s.Final())
            .State("c", s => s.Final());

        var ex = Assert.Throws<CarePathDefinitionException>(() => builder.Build());

        Assert.Equal("ambiguous-transition", Assert.Single(ex.Problems).Code);
    }

    [Fact]
    public void Extend_BuiltInPath_AddsStateGuardAndSlaWithoutChangingTheBase()
    {
        var secondOpinion = PathTrigger.Create("request-second-opinion", ActorRole.Clinician);
        var opinionGiven = PathTrigger.Create("second-opinion-given", ActorRole.Clinician);
        var extended = CarePathBuilder.Extend(BuiltInCarePaths.AsyncConsult, "derm-consult")
            .State(CareStates.InReview, s => s
                .Permit(secondOpinion, "second-opinion")
                .Guard(CareTriggers.Decline, "decline reason given", c => GuardResult.When(c.GetArgument<DeclineDecision>().ReasonCode.Length > 0, "reason-required", "Give a decline reason.")))
            .State("second-opinion", s => s
                .AwaitsWork(new WorkItemKind("second-opinion"), "Give a second opinion")
                .Permit(opinionGiven, CareStates.InReview)
                .Sla(TimeSpan.FromHours(8), TimeSpan.FromHours(1), opinionGiven))
            .Build();

        Assert.Equal("derm-consult", extended.Name);
        Assert.True(extended.HasState("second-opinion"));
        Assert.False(BuiltInCarePaths.AsyncConsult.HasState("second-opinion"));
        Assert.Equal(BuiltInCarePaths.AsyncConsult.States.Count + 1, extended.States.Count);

        var careCase = TestData.NewCase(extended, CareStates.InReview);
        var moved = extended.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), secondOpinion, null, TestData.Now));
        Assert.Equal("second-opinion", moved.Destination);
        Assert.Equal(new StartTimer(opinionGiven, TestData.Now.AddHours(8)), moved.Effects[^1]);

        var refused = extended.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.Decline, new DeclineDecision(string.Empty), TestData.Now));
        Assert.Equal("reason-required", Assert.Single(refused.Refusals).Code);
        var baseResult = BuiltInCarePaths.AsyncConsult.Fire(new TransitionRequest(careCase with { PathName = BuiltInCarePaths.AsyncConsultName }, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.Decline, new DeclineDecision(string.Empty), TestData.Now));
        Assert.True(baseResult.IsMoved);
    }

    [Fact]
    public void Extend_WithSameName_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CarePathBuilder.Extend(BuiltInCarePaths.AsyncConsult, BuiltInCarePaths.AsyncConsultName));
        Assert.StartsWith("An extension needs its own name; 'async-consult' is the name of the path it extends.", ex.Message);
    }

    [Fact]
    public void Fire_CaseInUnknownState_ThrowsCarePathNotFound()
    {
        var careCase = TestData.NewCase(BuiltInCarePaths.AsyncConsult, "retired-state");
        var ex = Assert.Throws<CarePathNotFoundException>(() => BuiltInCarePaths.AsyncConsult.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.System(), CareTriggers.Triage, null, TestData.Now)));
        Assert.Equal(CarePathErrorCodes.UnknownState, ex.Code);
    }

    [Fact]
    public void Fire_WrongArgumentType_ThrowsArgumentException()
    {
        var careCase = TestData.NewCase(BuiltInCarePaths.AsyncConsult, CareStates.InReview);
        var ex = Assert.Throws<ArgumentException>(() => BuiltInCarePaths.AsyncConsult.Fire(new TransitionRequest(careCase, TestData.Facts(careCase), TestData.Clinician(), CareTriggers.Approve, "yes", TestData.Now)));
        Assert.StartsWith("Trigger 'approve' needs a ReviewDecision argument, but a String was given.", ex.Message);
    }
}
