using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Remedora.CarePaths;
using Stateless;

namespace Remedora.Benchmarks.CarePaths;

/// <summary>
/// Firing a trigger on a care path without storage (<see cref="CarePathDefinition.Fire"/>: role check, guards,
/// effects collected as data, the result) beside raw Stateless <c>Fire</c> on an equivalent machine: the same states,
/// trigger parameters, guards and entry/exit actions producing the same effect objects, with the state kept in a
/// field. Each category's baseline is the raw Stateless machine, so the Ratio column is the cost of the engine.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FireBenchmarks
{
    private static readonly TenantId Tenant = TenantId.Parse("bench");
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly ReviewDecision _decision = new();
    private TransitionRequest _triage = null!;
    private TransitionRequest _approve = null!;
    private StateMachine<string, string> _raw = null!;
    private StateMachine<string, string>.TriggerWithParameters<ReviewDecision> _rawApprove = null!;
    private string _rawState = CareStates.Submitted;
    private List<PathEffect>? _rawEffects;
    private CareCase _case = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = BuiltInCarePaths.AsyncConsult;
        _case = new CareCase { Id = Id<CareCase>.New(), TenantId = Tenant, PatientId = Id<Patient>.New(), PathName = path.Name, State = CareStates.Submitted, OpenedAt = Now, Version = 1 };
        var facts = CaseFacts.For(_case) with { Version = 1 };
        var clinician = ActorContext.ForClinician(Tenant, Id<Practitioner>.New());
        _triage = new TransitionRequest(_case, facts, ActorContext.ForSystem(Tenant, "bench"), CareTriggers.Triage, null, Now);
        _approve = new TransitionRequest(_case with { State = CareStates.InReview }, facts, clinician, CareTriggers.Approve, _decision, Now);
        _raw = BuildRawMachine(facts);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Triage")]
    public string RawStatelessTriage()
    {
        _rawState = CareStates.Submitted;
        _rawEffects = [];
        _raw.Fire(CareTriggers.Triage.Name);
        return _rawState;
    }

    [Benchmark]
    [BenchmarkCategory("Triage")]
    public TransitionResult CarePathTriage() => BuiltInCarePaths.AsyncConsult.Fire(_triage);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Approve")]
    public string RawStatelessApprove()
    {
        _rawState = CareStates.InReview;
        _rawEffects = [];
        _raw.Fire(_rawApprove, _decision);
        return _rawState;
    }

    [Benchmark]
    [BenchmarkCategory("Approve")]
    public TransitionResult CarePathApprove() => BuiltInCarePaths.AsyncConsult.Fire(_approve);

    private StateMachine<string, string> BuildRawMachine(CaseFacts facts)
    {
        var machine = new StateMachine<string, string>(() => _rawState, s => _rawState = s, FiringMode.Immediate);
        _rawApprove = machine.SetTriggerParameters<ReviewDecision>(CareTriggers.Approve.Name);
        machine.Configure(CareStates.Submitted).Permit(CareTriggers.Triage.Name, CareStates.Triage);
        machine.Configure(CareStates.Triage);
        machine.Configure(CareStates.InReview)
            .OnExit(() => _rawEffects!.Add(new CloseWorkItems(WorkItemKind.ReviewIntake, WorkItemStatus.Completed)), "complete review work item")
            .PermitIf(_rawApprove, CareStates.Escalated, d => d.NeedsLiveVisit, "prescription needs live visit")
            .PermitIf(_rawApprove, CareStates.Approved, d => !d.NeedsLiveVisit && !facts.HasCriticalRedFlag, "no live visit needed, no critical red flag");
        machine.Configure(CareStates.Approved)
            .OnEntry(() => _rawEffects!.Add(new PublishMessage(CarePathMessageTypes.CaseApproved, new CaseNotice(_case.Id.Value, _case.PatientId.Value, BuiltInCarePaths.AsyncConsultName, CareStates.Approved))), "publish approval");
        machine.Configure(CareStates.Escalated);
        return machine;
    }
}
