using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Diagnostics;

/// <summary>The core package logs ids, roles, actions and codes; never a patient's details.</summary>
public class CoreLoggingTests
{
    private const string PlantedGiven = "Zebulon";
    private const string PlantedFamily = "Quixotic-Phiname";
    private const string PlantedEmail = "zebulon.quixotic@example.com";
    private const string PlantedPhone = "+1-555-0199";
    private const string PlantedCity = "Phiville";

    private readonly Patient _patient = TestData.Patient()
        .Named(PlantedGiven, PlantedFamily)
        .BornOn(new DateOnly(1961, 7, 23))
        .WithContact(PlantedEmail, PlantedPhone)
        .WithAddress(new PostalAddress(["1 Planted Lane"], PlantedCity, "CA", "90210", "US"))
        .Build();

    private readonly Practitioner _clinician = TestData.Practitioner().Build();

    [Fact]
    public async Task EvaluateAsync_DenialsAndBreakGlass_LogNoPatientDetails()
    {
        var logger = new FakeLogger<DefaultAccessPolicy>();
        var clock = TestClock.Create();
        var policy = new DefaultAccessPolicy(new FakeCareRelationships().AddPractitioner(_clinician), clock, Options.Create(new RemedoraOptions()), logger);
        var reason = $"{PlantedGiven} {PlantedFamily} ({PlantedEmail}) collapsed in {PlantedCity}";
        var clinician = ActorContext.ForClinician(_patient.TenantId, _clinician.Id).WithCorrelationId($"visit-{PlantedFamily}");

        await policy.EvaluateAsync(Request(clinician, AccessAction.Read));
        await policy.EvaluateAsync(Request(clinician.WithBreakGlass(reason, clock.GetUtcNow()), AccessAction.Read));
        await policy.EvaluateAsync(Request(ActorContext.ForPatient(_patient.TenantId, _patient.Id), AccessAction.Delete));
        await policy.EvaluateAsync(Request(clinician, AccessAction.Read) with { TenantId = TestData.OtherTenantId });

        var records = logger.Collector.GetSnapshot();
        Assert.Equal([1001, 1002, 1001, 1001], records.Select(r => r.Id.Id));
        Assert.Equal([LogLevel.Information, LogLevel.Warning, LogLevel.Information, LogLevel.Information], records.Select(r => r.Level));
        Assert.Equal($"Access denied: Clinician may not Read Patient (NoRelationship)", records[0].Message);
        Assert.Equal($"Break-glass access granted to Clinician {_clinician.Id} to Read Patient", records[1].Message);
        foreach (var record in records)
        {
            var logged = string.Join(" | ", new[] { record.Message, record.Exception?.ToString() ?? string.Empty }
                .Concat(record.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? []));
            foreach (var planted in new[] { PlantedGiven, PlantedFamily, PlantedEmail, PlantedPhone, PlantedCity, "1961" })
            {
                Assert.DoesNotContain(planted, logged, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task EvaluateAsync_Allowed_LogsNothing()
    {
        var logger = new FakeLogger<DefaultAccessPolicy>();
        var policy = new DefaultAccessPolicy(new FakeCareRelationships().AddCareTeamMember(_patient, _clinician), TestClock.Create(), Options.Create(new RemedoraOptions()), logger);

        var decision = await policy.EvaluateAsync(Request(ActorContext.ForClinician(_patient.TenantId, _clinician.Id), AccessAction.Update));

        Assert.True(decision.IsAllowed);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public void TextForms_OfPatientData_CarryNoPatientDetails()
    {
        var texts = new[]
        {
            _patient.ToString(),
            _patient.Address!.ToString(),
            new RecordNotFoundException(ResourceTypes.Patient, _patient.Id.ToString()).Message,
            AccessDecision.Deny(AccessBasis.NoRelationship).ToException(Request(ActorContext.ForSystem(_patient.TenantId, "sweep"), AccessAction.Read)).Message,
        };

        Assert.Equal($"Patient {_patient.Id}", texts[0]);
        Assert.Equal("PostalAddress", texts[1]);
        foreach (var text in texts)
        {
            foreach (var planted in new[] { PlantedGiven, PlantedFamily, PlantedEmail, PlantedPhone, PlantedCity, "1961" })
            {
                Assert.DoesNotContain(planted, text, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    private AccessRequest Request(ActorContext actor, AccessAction action)
        => new(actor, action, ResourceTypes.Patient, _patient.TenantId, _patient.Id, _patient.Id.ToString());
}
