using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Consent;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.Security.Tests.World;

/// <summary>
/// Two tenants seeded through the packages' own commands: in tenant one, patients A and B, each with a care team of
/// one clinician, telehealth consent, a case on the asynchronous path and a red-flag PHQ-2 submission delivered to the
/// care paths; a clinician on no team, a coordinator and an administrator; in tenant two, patient X with clinician X.
/// Attackers act on their own records with one id substituted by the victim's (B's).
/// </summary>
internal sealed class SecurityWorld : IAsyncDisposable
{
    public static readonly TenantId TenantOne = TenantId.Parse("sec-one");
    public static readonly TenantId TenantTwo = TenantId.Parse("sec-two");
    public static readonly Jurisdiction California = Jurisdiction.Parse("US-CA");

    private readonly ServiceProvider _provider;
    private readonly Func<ValueTask> _cleanup;

    private SecurityWorld(ServiceProvider provider, FakeTimeProvider clock, Func<ValueTask> cleanup)
    {
        _provider = provider;
        Clock = clock;
        _cleanup = cleanup;
    }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _provider;

    public IStorageSessionFactory Sessions => _provider.GetRequiredService<IStorageSessionFactory>();

    public StorageModel Model => _provider.GetRequiredService<StorageModel>();

    public PatientWorld A { get; private set; } = null!;

    public PatientWorld B { get; private set; } = null!;

    public PatientWorld X { get; private set; } = null!;

    public Practitioner OffTeam { get; private set; } = null!;

    public Practitioner Coordinator { get; private set; } = null!;

    public ActorContext SystemOne => ActorContext.ForSystem(TenantOne, "security-tests");

    public static async Task<SecurityWorld> StartAsync(Action<IRemedoraBuilder> storage, Func<IServiceProvider, Task>? initialize, Func<ValueTask> cleanup)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddRemedora(r =>
        {
            storage(r);
            r.ProtectPhi(phi =>
            {
                phi.Keys["sec-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                phi.CurrentKeyId = "sec-1";
                phi.BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            });
            r.AddAudit();
            r.AddIntake();
            r.AddIntakeForm(Phq2.Form);
            r.AddCarePaths(o => o.RunSlaSweep = false);
        });
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        if (initialize is not null)
        {
            await initialize(provider);
        }

        var world = new SecurityWorld(provider, clock, cleanup);
        await world.SeedAsync();
        return world;
    }

    /// <summary>Gets every actor the suite attacks with, each with the patient world it may legitimately act on.</summary>
    public IEnumerable<Attacker> Attackers()
    {
        yield return new Attacker("patient A", ActorContext.ForPatient(TenantOne, A.Patient.Id), A);
        yield return new Attacker("clinician on A's team, off B's", ActorContext.ForClinician(TenantOne, A.Clinician.Id), A);
        yield return new Attacker("clinician on no team", ActorContext.ForClinician(TenantOne, OffTeam.Id), A);
        yield return new Attacker("coordinator on no team", ActorContext.ForCareCoordinator(TenantOne, Coordinator.Id), A);
        yield return new Attacker("administrator without purpose", ActorContext.ForAdministrator(TenantOne, "admin-no-purpose"), A);
        yield return new Attacker("tenant two's clinician in tenant two", ActorContext.ForClinician(TenantTwo, X.Clinician.Id), X);
        yield return new Attacker(
            "tenant two's clinician claiming tenant one, with break-glass",
            ActorContext.ForClinician(TenantOne, X.Clinician.Id).WithBreakGlass("emergency: unresponsive patient", Clock.GetUtcNow()),
            A);
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> SnapshotAsync()
    {
        var codec = new JsonDocumentCodec();
        var snapshot = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var tenant in new[] { TenantOne, TenantTwo })
        {
            await using var session = Sessions.OpenSession(tenant);
            foreach (var collection in Model.Collections)
            {
                var documents = await StorageReflection.AllAsync(session, collection);
                snapshot[$"{tenant}/{collection.Name}"] = [.. documents.Select(d => codec.Encode(collection, d)).Order(StringComparer.Ordinal)];
            }
        }

        return snapshot;
    }

    public async Task<long> AuditCountAsync(TenantId tenant)
    {
        var store = _provider.GetRequiredService<IAuditLogStore>();
        long count = 0;
        await foreach (var _ in store.ReadChainAsync(tenant))
        {
            count++;
        }

        return count;
    }

    public async Task<IReadOnlyList<AuditRecord>> AuditSinceAsync(TenantId tenant, long skip)
    {
        var store = _provider.GetRequiredService<IAuditLogStore>();
        var records = new List<AuditRecord>();
        long index = 0;
        await foreach (var entry in store.ReadChainAsync(tenant))
        {
            if (index++ >= skip && entry.Record is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public async Task<int> DeliverOutboxAsync()
    {
        var dispatcher = OutboxDispatcher.Create(
            Sessions,
            _provider.GetRequiredService<IWorkQueue>(),
            _provider.GetServices<IOutboxHandler>(),
            new OutboxDispatcherOptions(),
            Clock);
        var delivered = 0;
        for (var i = 0; i < 10; i++)
        {
            var result = await dispatcher.RunOnceAsync();
            delivered += result.Delivered;
            if (result.Delivered == 0)
            {
                break;
            }
        }

        return delivered;
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _cleanup();
    }

    private async Task SeedAsync()
    {
        var now = Clock.GetUtcNow();
        foreach (var tenant in new[] { TenantOne, TenantTwo })
        {
            await _provider.GetRequiredService<IRecords<Tenant>>().CreateAsync(
                ActorContext.ForSystem(tenant, "security-tests"),
                new Tenant { Id = tenant, Name = "Clinic " + tenant, ServiceJurisdictions = [California], CreatedAt = now });
            var admin = ActorContext.ForAdministrator(tenant, "admin-1", PurposeOfUse.Operations);
            await _provider.GetRequiredService<ConsentService>().PublishDocumentAsync(
                admin, ConsentKinds.Telehealth, "1.0", "Consent to telehealth care", "I agree to telehealth care.", now.AddDays(-1), [California]);
        }

        OffTeam = await AddPractitionerAsync(TenantOne, "Off-team clinician");
        Coordinator = await AddPractitionerAsync(TenantOne, "Coordinator");
        A = await AddPatientWorldAsync(TenantOne, "Alpha");
        B = await AddPatientWorldAsync(TenantOne, "Bravo");
        X = await AddPatientWorldAsync(TenantTwo, "Xray");
        await DeliverOutboxAsync();
        foreach (var world in new[] { A, B, X })
        {
            await world.CollectKeysAsync(this);
        }
    }

    private async Task<PatientWorld> AddPatientWorldAsync(TenantId tenant, string name)
    {
        var system = ActorContext.ForSystem(tenant, "security-tests");
        var patient = await _provider.GetRequiredService<IRecords<Patient>>().CreateAsync(system, new Patient
        {
            Id = default,
            TenantId = tenant,
            GivenName = name,
            FamilyName = "Securitytest",
            BirthDate = new DateOnly(1985, 5, 5),
            Email = $"{name.ToLowerInvariant()}@example.test",
            Jurisdiction = California,
        });
        var clinician = await AddPractitionerAsync(tenant, "Clinician " + name);
        await _provider.GetRequiredService<IRecords<CareTeam>>().CreateAsync(system, new CareTeam
        {
            Id = default,
            TenantId = tenant,
            PatientId = patient.Id,
            Name = "Team " + name,
            Members = [new CareTeamMember(clinician.Id, "primary")],
        });

        var patientActor = ActorContext.ForPatient(tenant, patient.Id);
        var consents = _provider.GetRequiredService<ConsentService>();
        var document = await consents.GetCurrentDocumentAsync(patientActor, ConsentKinds.Telehealth, California)
            ?? throw new InvalidOperationException("No consent document.");
        var consent = await consents.CaptureAsync(patientActor, new ConsentCapture
        {
            PatientId = patient.Id,
            DocumentId = document.Id,
            TextHash = document.TextHash,
            Jurisdiction = California,
            SignerName = name + " Securitytest",
            Method = SignatureMethod.TypedName,
            Signature = name + " Securitytest",
        });

        var careCase = await _provider.GetRequiredService<CarePathEngine>().OpenCaseAsync(system, new OpenCaseRequest(patient.Id, BuiltInCarePaths.AsyncConsultName));
        var submission = await _provider.GetRequiredService<IntakeSubmissionService>().SubmitAsync(patientActor, patient.Id, Phq2.Answers(3, 3), careCase.Id);
        await _provider.GetRequiredService<ReviewQueue>().SetPoolsAsync(system, clinician.Id, ["general"]);

        // No package command creates encounters yet: the test setup stores one, as a host's own code would.
        await using (var session = Sessions.OpenSession(tenant))
        {
            session.Insert(new Encounter
            {
                Id = Id<Encounter>.New(Clock),
                TenantId = tenant,
                PatientId = patient.Id,
                CaseId = careCase.Id,
                Modality = EncounterModality.Video,
                PractitionerId = clinician.Id,
            });
            await session.CommitAsync();
        }

        return new PatientWorld(tenant, patient, clinician, ActorContext.ForClinician(tenant, clinician.Id), careCase.Id, submission.Id, consent.Id);
    }

    private async Task<Practitioner> AddPractitionerAsync(TenantId tenant, string name)
    {
        var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
        return await _provider.GetRequiredService<IRecords<Practitioner>>().CreateAsync(ActorContext.ForSystem(tenant, "security-tests"), new Practitioner
        {
            Id = default,
            TenantId = tenant,
            DisplayName = name,
            Licences = [new PractitionerLicence(California, "CA-" + name.GetHashCode(StringComparison.Ordinal).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), today.AddYears(-1), today.AddYears(2))],
            Specialties = ["psychiatry"],
        });
    }
}

/// <summary>An actor the suite attacks with, and the patient world it may act on legitimately.</summary>
internal sealed record Attacker(string Name, ActorContext Actor, PatientWorld Own)
{
    public override string ToString() => Name;
}

/// <summary>One patient's seeded records, and the keys of every stored document about them, by collection.</summary>
internal sealed class PatientWorld(TenantId tenant, Patient patient, Practitioner clinician, ActorContext clinicianActor, Id<CareCase> caseId, Id<IntakeSubmission> submissionId, Id<ConsentRecord> consentId)
{
    public TenantId Tenant { get; } = tenant;

    public Patient Patient { get; } = patient;

    public Practitioner Clinician { get; } = clinician;

    public ActorContext ClinicianActor { get; } = clinicianActor;

    public Id<CareCase> CaseId { get; } = caseId;

    public Id<IntakeSubmission> SubmissionId { get; } = submissionId;

    public Id<ConsentRecord> ConsentId { get; } = consentId;

    /// <summary>Gets the keys of the stored documents about this patient, by collection name.</summary>
    public Dictionary<string, List<string>> KeysByCollection { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the stored documents about this patient, by collection name.</summary>
    public Dictionary<string, List<object>> DocumentsByCollection { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> AllKeys => KeysByCollection.Values.SelectMany(k => k).Append(Patient.Id.ToString()).Distinct(StringComparer.Ordinal);

    public async Task CollectKeysAsync(SecurityWorld world)
    {
        await using var session = world.Sessions.OpenSession(Tenant);
        foreach (var collection in world.Model.Collections.Where(c => c.HasPatient))
        {
            var mine = (await StorageReflection.AllAsync(session, collection)).Where(d => collection.GetPatient(d) == Patient.Id).ToList();
            if (mine.Count > 0)
            {
                KeysByCollection[collection.Name] = [.. mine.Select(collection.GetKey)];
                DocumentsByCollection[collection.Name] = mine;
            }
        }
    }
}

/// <summary>The PHQ-2 with a red flag when both answers score 3: small, and enough to escalate a case.</summary>
internal static class Phq2
{
    public static readonly FormCoding[] Frequencies =
    [
        new("http://loinc.org", "LA6568-5", "Not at all"),
        new("http://loinc.org", "LA6569-3", "Several days"),
        new("http://loinc.org", "LA6570-1", "More than half the days"),
        new("http://loinc.org", "LA6571-9", "Nearly every day"),
    ];

    public static FormDefinition Form { get; } = FormBuilder.Create("https://forms.example.test/phq-2", "1.0.0")
        .Title("PHQ-2")
        .Status(FormStatus.Active)
        .Group("phq2", "Over the last 2 weeks", group =>
        {
            foreach (var (id, text) in new[] { ("phq2-1", "Little interest"), ("phq2-2", "Feeling down") })
            {
                group.Choice(id, text, item =>
                {
                    item.Required();
                    for (var score = 0; score < Frequencies.Length; score++)
                    {
                        item.Option(Frequencies[score], score);
                    }
                });
            }
        })
        .SumScore("phq2-total")
        .RedFlag("phq2-high", RuleCondition.Ordinal("phq2-2", ComparisonOperator.GreaterThan, 2), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, "PHQ-2 item 2 at its highest")
        .Build();

    public static FormResponse Answers(int first, int second)
        => FormResponseBuilder.For(Form)
            .Answer("phq2-1", new CodingAnswer(Frequencies[first]))
            .Answer("phq2-2", new CodingAnswer(Frequencies[second]))
            .Build();
}
