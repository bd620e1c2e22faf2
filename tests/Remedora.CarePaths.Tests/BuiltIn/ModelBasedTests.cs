using CsCheck;
using Remedora.CarePaths;
using Remedora.Clinical;

namespace Remedora.CarePaths.Tests.BuiltIn;

public class ModelBasedTests
{
    private static readonly ActorRole[] Roles = [ActorRole.System, ActorRole.Clinician, ActorRole.Patient, ActorRole.CareCoordinator, ActorRole.Pharmacist];

    private static readonly Gen<RawStep> StepGen =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], Gen.Int[0, 9], Gen.Int[0, 4], Gen.Int[0, 3], Gen.Enum<EscalationReason>())
            .Select((pick, index, role, consent, live, reason) => new RawStep(pick != 0, index, role < 4 ? 0 : 1 + ((role - 4) % 4), consent != 0, live == 0, reason));

    [Fact]
    public void AsyncConsult_RandomTriggerSequences_AgreeWithReferenceModel()
        => Check(BuiltInCarePaths.AsyncConsult, critical => ReferenceModel.AsyncConsult(critical));

    [Fact]
    public void SyncVisit_RandomTriggerSequences_AgreeWithReferenceModel()
        => Check(BuiltInCarePaths.SyncVisit, _ => ReferenceModel.SyncVisit());

    [Fact]
    public void Hybrid_RandomTriggerSequences_AgreeWithReferenceModel()
        => Check(BuiltInCarePaths.Hybrid, critical => ReferenceModel.Hybrid(critical));

    [Fact]
    public void Refill_RandomTriggerSequences_AgreeWithReferenceModel()
        => Check(
            BuiltInCarePaths.Refill,
            ineligible => ReferenceModel.Refill(!ineligible));

    internal static TransitionResult FireStep(CarePathDefinition path, CareCase careCase, CaseFacts facts, StepInput input)
    {
        var trigger = path.FindTrigger(input.Trigger)!;
        var actor = input.Role switch
        {
            ActorRole.System => TestData.System(),
            ActorRole.Patient => TestData.Patient(careCase.PatientId),
            ActorRole.CareCoordinator => ActorContext.ForCareCoordinator(TestData.Tenant, Id<Practitioner>.New()),
            ActorRole.Pharmacist => ActorContext.ForPharmacist(TestData.Tenant, Id<Practitioner>.New()),
            _ => TestData.Clinician(),
        };
        var request = new TransitionRequest(careCase, facts, actor, trigger, ArgumentFor(input), TestData.Now)
        {
            Consent = path.GetRequiredConsent(careCase.State, trigger) is { } kind
                ? new ConsentCheckResult(input.ConsentActive, input.ConsentActive ? "consent-1" : null, input.ConsentActive ? null : "missing")
                : null,
        };
        return path.Fire(request);
    }

    internal static object? ArgumentFor(StepInput input) => input.Trigger switch
    {
        "approve" => new ReviewDecision(input.NeedsLiveVisit ? new PrescriptionRequest("rx-1", IsControlledSubstance: true) : null),
        "decline" => new DeclineDecision("not-suitable"),
        "request-information" => new InformationRequest("photo"),
        "escalate" => new EscalationRequest(input.EscalationReason, "rule-1"),
        "schedule" => new VisitBooking("appt-1", TestData.Now.AddDays(1), EncounterModality.Video),
        "cancel" => new CancellationRequest("patient-request"),
        "prescribe" => new PrescriptionOrder("rx-1", false),
        "fulfillment-failed" => new FulfillmentFailure("out-of-stock"),
        _ => null,
    };

    private static void Check(CarePathDefinition path, Func<bool, ReferenceModel> createModel)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var moves = 0;
        Gen.Select(Gen.Int[0, 2].Select(i => i == 0), StepGen.Array[1, 50]).Sample(
            (flag, steps) =>
            {
                var model = createModel(flag);
                var careCase = TestData.NewCase(path);
                var facts = TestData.Facts(careCase) with
                {
                    RedFlags = model.CriticalRedFlag ? [new RedFlag("phq9-self-harm", RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0")] : [],
                    Refill = new RefillFacts("rx-9", TestData.Now.AddDays(model.RefillEligible ? -30 : -400), 3, 1, false),
                };
                var state = model.Initial;
                Assert.Equal(state, path.InitialState);
                visited.Add(state);
                foreach (var raw in steps)
                {
                    var permitted = model.TriggersFrom(state);
                    var all = model.Triggers;
                    var trigger = raw.PickPermitted && permitted.Count > 0 ? permitted[raw.Index % permitted.Count] : all[raw.Index % all.Count];
                    var input = new StepInput(trigger, Roles[raw.Role], raw.ConsentActive, raw.NeedsLiveVisit, raw.Reason);
                    var expected = model.Step(state, input);
                    var actual = FireStep(path, careCase, facts, input);
                    var context = $"path {path.Name}, state {state}, {input}";
                    if (expected.Destination is { } destination)
                    {
                        Assert.True(actual.IsMoved, $"{context}: expected a move to {destination}, got {string.Join(", ", actual.Refusals.Select(r => r.Code))}");
                        Assert.Equal(destination, actual.Destination);
                        state = destination;
                        careCase = careCase with { State = state, Version = careCase.Version + 1 };
                        visited.Add(state);
                        moves++;
                    }
                    else
                    {
                        Assert.False(actual.IsMoved, $"{context}: expected refusal {expected.RefusalCode}, got a move to {actual.Destination}");
                        Assert.Contains(expected.RefusalCode, actual.Refusals.Select(r => r.Code));
                        Assert.Equal(state, actual.Destination);
                    }
                }
            },
            iter: 600,
            threads: 1);

        var restingStates = path.States.Where(s => s.InitialChild is null).Select(s => s.Name);
        Assert.Empty(restingStates.Except(visited));
        Assert.True(moves > 100, $"only {moves} moves were made; the generator must exercise the path");
    }

    internal sealed record RawStep(bool PickPermitted, int Index, int Role, bool ConsentActive, bool NeedsLiveVisit, EscalationReason Reason);
}
