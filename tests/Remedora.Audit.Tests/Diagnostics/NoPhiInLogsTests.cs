using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Remedora.Access;
using Remedora.Storage;
using Remedora.Storage.Protection;

namespace Remedora.Audit.Tests;

public sealed class NoPhiInLogsTests
{
    private static readonly string[] Planted = ["Quintessa", "Vandermolen", "quintessa.v@example.org", "+1-555-0142", "1987-03-14", "Springfield", "fentanyl overdose"];

    [Fact]
    public async Task SdkOperations_WithPlantedPhi_LeaveNoneInLogsOrErrorMessages()
    {
        var storage = new TestStorage();
        var relationships = new TestRelationships();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging().EnableRedaction());
        services.AddSingleton<IStorageSessionFactory>(storage);
        services.AddSingleton<IAuditLogStore>(storage);
        services.AddSingleton<ICareRelationships>(relationships);
        services.AddRemedora(r => r
            .AddAudit(o =>
            {
                o.CheckpointKeys["k1"] = Convert.ToBase64String(AuditHarness.Key1);
                o.CheckpointKeyId = "k1";
            })
            .AddPhiRedaction()
            .ProtectPhi(o =>
            {
                o.Keys["d1"] = Convert.ToBase64String(AuditHarness.Key2);
                o.CurrentKeyId = "d1";
                o.BlindIndexKey = Convert.ToBase64String(AuditHarness.Key1);
            }));
        await using var provider = services.BuildServiceProvider();
        var errors = new List<string>();
        var tenant = AuditFixtures.Tenant;
        var clock = TimeProvider.System;
        var patient = new Patient
        {
            Id = Id<Patient>.New(),
            TenantId = tenant,
            GivenName = Planted[0],
            FamilyName = Planted[1],
            Email = Planted[2],
            Phone = Planted[3],
            BirthDate = DateOnly.Parse(Planted[4], System.Globalization.CultureInfo.InvariantCulture),
            Address = new PostalAddress(["1 Main St"], Planted[5], "MI", "49007", "US"),
            Jurisdiction = Jurisdiction.Parse("US-MI"),
        };

        // Field encryption and a failing decryption.
        var codec = provider.GetRequiredService<IDocumentCodec>();
        var stored = codec.Encode(CoreCollections.Patients, patient);
        codec.Decode(CoreCollections.Patients, stored);
        codec.EncodeIndexValue(CoreCollections.Patients, CoreCollections.Patients.GetIndex("email"), Planted[2]);
        Capture(errors, () => codec.Decode(CoreCollections.Patients, stored.Replace("$phi1.d1.", "$phi1.d1.A", StringComparison.Ordinal)));

        // Break-glass access with a reason that holds clinical content, its alert, and a denied attempt.
        var guard = provider.GetRequiredService<AccessGuard>();
        var emergency = ActorContext.ForClinician(tenant, Id<Practitioner>.New(), "dr-er").WithBreakGlass($"{Planted[0]} {Planted[1]}: suspected {Planted[6]}", clock.GetUtcNow());
        await using (var session = storage.OpenSession(tenant))
        {
            await guard.AuthorizeAsync(session, new AccessRequest(emergency, AccessAction.Read, "Patient", tenant, patient.Id, patient.Id.ToString()));
            await session.CommitAsync();
        }

        var (_, alert) = storage.Published.Single();
        foreach (var handler in provider.GetServices<IOutboxHandler>())
        {
            await handler.HandleAsync(new OutboxEnvelope(Guid.NewGuid(), tenant, alert.MessageType, alert.Payload, alert.IdempotencyKey, 1, clock.GetUtcNow()), CancellationToken.None);
        }

        var stranger = ActorContext.ForClinician(tenant, Id<Practitioner>.New(), "dr-nosy");
        await CaptureAsync(errors, async () =>
        {
            await using var session = storage.OpenSession(tenant);
            await guard.AuthorizeAsync(session, new AccessRequest(stranger, AccessAction.Read, "Patient", tenant, patient.Id, patient.Id.ToString()));
        });
        Capture(errors, () => emergency.WithBreakGlass(" ", clock.GetUtcNow()));

        // Reports, checkpoints, settings and verification of a tampered chain.
        var reports = provider.GetRequiredService<IAuditReports>();
        var admin = ActorContext.ForAdministrator(tenant, "privacy-officer", PurposeOfUse.Operations);
        await reports.GetAccessLogAsync(admin, patient.Id);
        await reports.QueryAsync(admin, new AuditQuery { PatientId = patient.Id });
        await CaptureAsync(errors, () => reports.GetAccessLogAsync(stranger, patient.Id));
        var checkpoints = provider.GetRequiredService<AuditCheckpoints>();
        var checkpoint = await checkpoints.CreateAsync(admin);
        await CaptureAsync(errors, () => checkpoints.ImportAsync(checkpoint.Export().Replace("\"sequence\":", "\"sequence\":1", StringComparison.Ordinal)));
        await provider.GetRequiredService<AuditSettingsRecorder>().RecordChangesAsync();
        var verifier = provider.GetRequiredService<AuditChainVerifier>();
        await verifier.VerifyAsync(tenant, checkpoint);
        Tamper.Flip(storage.Chain(tenant), 1, 0, new Random(1));
        await verifier.VerifyAsync(tenant);

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.NotEmpty(logs);
        Assert.True(errors.Count >= 4, $"expected the failures to be exercised, got {errors.Count}");
        var text = logs.Select(l => string.Join("|", l.Message, l.Exception?.ToString(), string.Join(",", l.StructuredState?.Select(kv => $"{kv.Key}={kv.Value}") ?? [])))
            .Concat(errors)
            .ToArray();
        foreach (var value in Planted)
        {
            Assert.DoesNotContain(text, t => t.Contains(value, StringComparison.OrdinalIgnoreCase));
        }

        // The break-glass reason did reach the pipeline, and came out redacted.
        var breakGlass = Assert.Single(logs, l => l.Id.Id == 4006);
        Assert.Equal(string.Empty, breakGlass.GetStructuredStateValue("Reason"));
        Assert.Equal("dr-er", breakGlass.GetStructuredStateValue("ActorId"));
    }

    private static void Capture(List<string> errors, Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            errors.Add(ex.ToString());
        }
    }

    private static async Task CaptureAsync(List<string> errors, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            errors.Add(ex.ToString());
        }
    }
}
