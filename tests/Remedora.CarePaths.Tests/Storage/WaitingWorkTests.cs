using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>
/// The patient-safety model of the built-in paths: every transition of every path is driven through the engine (from
/// the initial state, along the shortest way to its source), and the state it lands in must have an open work item
/// exactly when a person must act, claimable by an eligible clinician through the review queue. Which states wait on
/// a person is written down here, independently of the definitions.
/// </summary>
public abstract class WaitingWorkTests
{
    /// <summary>What each non-final state waits on, by path (the domain's answer, not read from the definitions).</summary>
    private static readonly Dictionary<string, Dictionary<string, StateWaitKind>> Expected = new()
    {
        [BuiltInCarePaths.AsyncConsultName] = new()
        {
            [CareStates.Submitted] = StateWaitKind.Patient,
            [CareStates.Triage] = StateWaitKind.Work,
            [CareStates.AwaitingReview] = StateWaitKind.Work,
            [CareStates.InReview] = StateWaitKind.Work,
            [CareStates.NeedsInformation] = StateWaitKind.Patient,
            [CareStates.Approved] = StateWaitKind.Work,
            [CareStates.Declined] = StateWaitKind.Work,
            [CareStates.Escalated] = StateWaitKind.Work,
        },
        [BuiltInCarePaths.SyncVisitName] = new()
        {
            [CareStates.Requested] = StateWaitKind.Work,
            [CareStates.Scheduled] = StateWaitKind.Patient,
            [CareStates.CheckedIn] = StateWaitKind.Work,
            [CareStates.InProgress] = StateWaitKind.Work,
            [CareStates.Completed] = StateWaitKind.Work,
            [CareStates.NoShow] = StateWaitKind.Work,
        },
        [BuiltInCarePaths.HybridName] = new()
        {
            [CareStates.Submitted] = StateWaitKind.Patient,
            [CareStates.Triage] = StateWaitKind.Work,
            [CareStates.AwaitingReview] = StateWaitKind.Work,
            [CareStates.InReview] = StateWaitKind.Work,
            [CareStates.NeedsInformation] = StateWaitKind.Patient,
            [CareStates.Approved] = StateWaitKind.Work,
            [CareStates.Declined] = StateWaitKind.Work,
            [CareStates.Requested] = StateWaitKind.Work,
            [CareStates.Scheduled] = StateWaitKind.Patient,
            [CareStates.CheckedIn] = StateWaitKind.Work,
            [CareStates.InProgress] = StateWaitKind.Work,
            [CareStates.Completed] = StateWaitKind.Work,
            [CareStates.NoShow] = StateWaitKind.Work,
            [CareStates.Cancelled] = StateWaitKind.Work,
            [CareStates.DocumentationSigned] = StateWaitKind.Work,
            [CareStates.Prescribing] = StateWaitKind.System,
            [CareStates.Fulfillment] = StateWaitKind.System, // ... and Work after a failed fulfillment (below)
            [CareStates.FollowUp] = StateWaitKind.Work,
        },
        [BuiltInCarePaths.RefillName] = new()
        {
            [CareStates.Requested] = StateWaitKind.Patient,
            [CareStates.EligibilityCheck] = StateWaitKind.Work,
        },
    };

    public static TheoryData<string> Paths => [.. BuiltInCarePaths.All.Select(p => p.Name)];

    private protected abstract Task<CarePathsHarness> StartAsync();

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public async Task EveryTransition_LandsInAStateWithWorkExactlyWhenAPersonMustAct_ClaimableByAnEligibleClinician(string pathName)
    {
        await using var h = await StartAsync();
        var path = BuiltInCarePaths.All.Single(p => p.Name == pathName);
        var model = new PathWalk(path);

        // The declarations match the domain's answer, and every non-final resting state is covered.
        var resting = path.States.Where(s => !s.IsFinal && s.InitialChild is null).Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Expected[pathName].Keys.Order(StringComparer.Ordinal), resting);
        foreach (var (state, expected) in Expected[pathName])
        {
            Assert.Equal(expected == StateWaitKind.System && state == CareStates.Fulfillment ? StateWaitKind.Work : expected, path.States.Single(s => s.Name == state).WaitsOn);
        }

        Assert.All(path.States.Where(s => s.IsFinal || s.InitialChild is not null), s => Assert.Equal(StateWaitKind.None, s.WaitsOn));

        var runs = 0;
        foreach (var edge in model.Edges.Where(e => model.Reachable(e.Source)))
        {
            var prefix = model.WayTo(edge.Source);
            await RunAsync(h, path, [.. prefix, edge]);
            runs++;
        }

        Assert.Equal(model.Edges.Count, runs);
        Assert.True(runs >= path.Transitions.Count, $"{runs} runs for {path.Transitions.Count} transitions");
    }

    [SkippableTheory]
    [InlineData(BuiltInCarePaths.AsyncConsultName, CareStates.Escalated)]
    [InlineData(BuiltInCarePaths.HybridName, CareStates.Requested)]
    public async Task RecordIntakeAsync_CriticalRedFlag_EscalatedCaseHasStatWorkThatAnEligibleClinicianClaims(string pathName, string escalatedState)
    {
        await using var h = await StartAsync();
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        var unlicensed = await h.AddPractitionerAsync(CarePathsHarness.NewYork);
        var team = await h.AddCareTeamAsync(patient.Id, clinician, unlicensed);
        var pool = ReviewQueue.CareTeamPool(team.Id);
        await h.Queue.SetPoolsAsync(h.System, clinician.Id, [pool]);
        await h.Queue.SetPoolsAsync(h.System, unlicensed.Id, [pool]);
        var opened = await h.Engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, pathName) { CareTeamId = team.Id });

        var recorded = await h.Engine.RecordIntakeAsync(RedFlagSubmission(h, patient.Id, opened.Id));

        Assert.Equal(escalatedState, recorded.Outcome!.ToState);
        var work = Assert.Single(await h.WorkItemsAsync(opened.Id), w => w.Status == WorkItemStatus.Ready);
        Assert.Equal(WorkItemPriority.Stat, work.Priority);
        if (pathName == BuiltInCarePaths.AsyncConsultName)
        {
            // A self-harm flag goes to a clinician licensed where the patient is.
            Assert.Equal(BuiltInCarePaths.EscalatedCaseWork, work.Kind);
            Assert.Null(await h.Queue.ClaimNextAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, unlicensed.Id)));
        }

        var claimed = await h.Queue.ClaimNextAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id));
        Assert.NotNull(claimed);
        Assert.Equal(work.Id, claimed.Item.Id);
        Assert.Equal(opened.Id, claimed.Item.CaseId);
        Assert.Equal(WorkItemPriority.Stat, claimed.Item.Priority);
        Assert.Equal(WorkItemStatus.Claimed, Assert.Single(await h.WorkItemsAsync(opened.Id), w => w.Id == work.Id).Status);
    }

    [SkippableFact]
    public async Task FireAsync_WorkAssignedToSomeoneNotAPractitionerOfTheTenant_IsQueuedForEveryoneEligible()
    {
        await using var h = await StartAsync();
        var submit = PathTrigger.Create("submit");
        var nobody = Id<Practitioner>.New();
        var path = CarePathBuilder.Create("assigned-review")
            .State("draft", s => s.AwaitsPatient("the patient submits").Permit(submit, "review"))
            .State("review", s => s.AwaitsWork(WorkItemKind.ReviewIntake, "Review", w => w.AssignTo(_ => nobody)).Permit(CareTriggers.Close, "closed"))
            .State("closed", s => s.Final())
            .Build();
        var engine = new CarePathEngine(h.Sessions, h.Services.GetRequiredService<AccessGuard>(), new CarePathRegistry([path]), h.WorkQueue, h.Clock, Options.Create(new CarePathsOptions()));
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        var opened = await engine.OpenCaseAsync(h.System, new OpenCaseRequest(patient.Id, path.Name));

        await engine.FireAsync(h.System, opened.Id, submit);

        var item = Assert.Single(await h.WorkItemsAsync(opened.Id));
        Assert.Null(item.AssignedTo);
        Assert.Equal(item.Id, (await h.Queue.ClaimNextAsync(ActorContext.ForClinician(CarePathsHarness.Tenant, clinician.Id)))!.Item.Id);
    }

    internal static IntakeSubmitted RedFlagSubmission(CarePathsHarness h, Id<Patient> patientId, Id<CareCase> caseId, string submissionId = "sub-1") => new()
    {
        TenantId = CarePathsHarness.Tenant,
        OccurredAt = h.Clock.GetUtcNow(),
        PatientId = patientId,
        CaseId = caseId,
        SubmissionId = submissionId,
        FormUrl = "https://forms.example/phq9",
        FormVersion = "1",
        RedFlags = [new RedFlag("phq9-self-harm", RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-9 item 9 above 0")],
    };

    private static async Task RunAsync(CarePathsHarness h, CarePathDefinition path, IReadOnlyList<PathWalk.Edge> edges)
    {
        var patient = await h.AddPatientAsync();
        var practitioner = await h.AddPractitionerAsync();
        var team = await h.AddCareTeamAsync(patient.Id, practitioner);
        await h.Queue.SetPoolsAsync(h.System, practitioner.Id, [ReviewQueue.CareTeamPool(team.Id)]);
        h.Consent.Grant(patient.Id);
        var clinician = ActorContext.ForClinician(CarePathsHarness.Tenant, practitioner.Id);
        var request = new OpenCaseRequest(patient.Id, path.Name) { CareTeamId = team.Id };
        if (path.Name == BuiltInCarePaths.RefillName)
        {
            request = request with { Refill = new RefillFacts("rx-1", h.Clock.GetUtcNow().AddDays(-30), 2, 0, false) };
        }

        var careCase = await h.Engine.OpenCaseAsync(h.System, request);
        await AssertWorkAsync(h, path, careCase.Id, path.InitialState, null, clinician);
        var route = $"{path.InitialState}";
        foreach (var edge in edges)
        {
            var actor = edge.Trigger.Equals(CareTriggers.StartVisit) ? clinician : h.System;
            var outcome = await h.Engine.FireAsync(actor, careCase.Id, edge.Trigger.Name, Argument(edge, h.Clock.GetUtcNow()));
            route += $" -{edge.Trigger.Name}-> {outcome.ToState}";
            Assert.True(outcome.IsMoved, $"{path.Name}: {route} was {outcome.Status} ({string.Join("; ", outcome.Refusals.Select(r => r.Code))})");
            Assert.Equal(edge.Destination, outcome.ToState);
        }

        var last = edges[^1];
        await AssertWorkAsync(h, path, careCase.Id, last.Destination, last.Trigger, clinician, route);
    }

    private static async Task AssertWorkAsync(CarePathsHarness h, CarePathDefinition path, Id<CareCase> caseId, string state, PathTrigger? enteredBy, ActorContext clinician, string? route = null)
    {
        route ??= state;
        var open = (await h.WorkItemsAsync(caseId)).Where(w => w.Status is WorkItemStatus.Ready or WorkItemStatus.Claimed).ToList();
        if (path.IsFinal(state))
        {
            Assert.True(open.Count == 0, $"{path.Name}: {route} is final but has open work {string.Join(", ", open.Select(w => w.Kind))}");
            return;
        }

        var expected = Expected[path.Name][state];
        if (state == CareStates.Fulfillment && CareTriggers.FulfillmentFailed.Equals(enteredBy))
        {
            expected = StateWaitKind.Work;
        }

        if (expected != StateWaitKind.Work)
        {
            Assert.True(open.Count == 0, $"{path.Name}: {route} waits on the {expected} but has open work {string.Join(", ", open.Select(w => w.Kind))}");
            return;
        }

        var item = Assert.Single(open);
        Assert.Equal(path.States.Single(s => s.Name == state).Work!.Kind, item.Kind);
        var claimed = await h.Queue.ClaimNextAsync(clinician);
        Assert.True(claimed is not null, $"{path.Name}: {route} has work {item.Kind} that no eligible clinician can claim");
        Assert.Equal(item.Id, claimed.Item.Id);
        await h.Queue.ReleaseAsync(clinician, claimed);
    }

    private static object? Argument(PathWalk.Edge edge, DateTimeOffset now)
    {
        var type = edge.Trigger.ArgumentType;
        if (type is null)
        {
            return null;
        }

        if (type == typeof(ReviewDecision))
        {
            // approve: the branch to a live visit needs a prescription that needs one.
            return edge.Source == CareStates.InReview && edge.Destination != CareStates.Approved
                ? new ReviewDecision(new PrescriptionRequest("med-1", IsControlledSubstance: true))
                : new ReviewDecision();
        }

        return type.Name switch
        {
            nameof(DeclineDecision) => new DeclineDecision("not-suitable-for-telehealth"),
            nameof(InformationRequest) => new InformationRequest("photo-of-affected-area"),
            nameof(EscalationRequest) => new EscalationRequest(EscalationReason.ClinicianDecision),
            nameof(VisitBooking) => new VisitBooking("appointment-1", now.AddHours(1), EncounterModality.Video),
            nameof(CancellationRequest) => new CancellationRequest("patient-request"),
            nameof(PrescriptionOrder) => new PrescriptionOrder("rx-1", false),
            nameof(FulfillmentFailure) => new FulfillmentFailure("out-of-stock"),
            _ => throw new InvalidOperationException($"No argument for trigger '{edge.Trigger.Name}' ({type.Name}); add one."),
        };
    }

    /// <summary>The transitions of a path between resting states (parents continue into their initial substate), with a shortest way to each state.</summary>
    private sealed class PathWalk
    {
        private readonly Dictionary<string, List<Edge>> _ways = new(StringComparer.Ordinal);

        public PathWalk(CarePathDefinition path)
        {
            var states = path.States.ToDictionary(s => s.Name, StringComparer.Ordinal);
            string Rest(string state) => states[state].InitialChild is { } child ? Rest(child) : state;
            IEnumerable<CarePathTransition> Out(string state)
            {
                for (var s = states[state]; s is not null; s = s.Parent is { } p ? states[p] : null)
                {
                    foreach (var t in path.Transitions.Where(t => t.Source == s.Name))
                    {
                        yield return t;
                    }
                }
            }

            Edges = [.. path.States.Where(s => s.InitialChild is null && !s.IsFinal).SelectMany(s => Out(s.Name).Select(t => new Edge(s.Name, t.Trigger, Rest(t.Destination))))];
            var initial = Rest(path.InitialState);
            _ways[initial] = [];
            var pending = new Queue<string>([initial]);
            while (pending.TryDequeue(out var state))
            {
                foreach (var edge in Edges.Where(e => e.Source == state && !_ways.ContainsKey(e.Destination)))
                {
                    _ways[edge.Destination] = [.. _ways[state], edge];
                    pending.Enqueue(edge.Destination);
                }
            }
        }

        public IReadOnlyList<Edge> Edges { get; }

        public bool Reachable(string state) => _ways.ContainsKey(state);

        public IReadOnlyList<Edge> WayTo(string state) => _ways[state];

        public sealed record Edge(string Source, PathTrigger Trigger, string Destination);
    }
}
