using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.Clinical;
using Remedora.Intake.Consent;
using Remedora.Intake.Engine;
using Remedora.Intake.Submissions;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;
using Remedora.Testing;

namespace Remedora.Intake.Tests.DependencyInjection;

public class AddIntakeTests
{
    [Fact]
    public void AddIntake_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.AddIntake());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.AddIntake().AddIntake(o => o.MaxCalculationPasses = 5));

        Assert.Equal(
            once.Select(d => (d.ServiceType, d.ImplementationType)).Where(d => d.ServiceType != typeof(IConfigureOptions<FormEngineOptions>)),
            twice.Select(d => (d.ServiceType, d.ImplementationType)).Where(d => d.ServiceType != typeof(IConfigureOptions<FormEngineOptions>)));
        Assert.Single(twice, d => d.ServiceType == typeof(FormEngine));
        Assert.Single(twice, d => d.ServiceType == typeof(IConsentGate));
        Assert.Single(twice, d => d.ServiceType == typeof(IStorageModelContributor) && d.ImplementationType == typeof(IntakeCollections));
        using var provider = twice.BuildServiceProvider();
        Assert.Equal(5, provider.GetRequiredService<IOptions<FormEngineOptions>>().Value.MaxCalculationPasses);
    }

    [Fact]
    public void AddIntake_InvalidOptions_FailsWithTheExactMessage()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.AddIntake(o =>
        {
            o.MaxCalculationPasses = 0;
            o.RegexTimeout = TimeSpan.Zero;
        }));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FormEngineOptions>>().Value);

        Assert.Equal(
            [
                "DataAnnotation validation failed for 'FormEngineOptions' members: 'MaxCalculationPasses' with the error: 'MaxCalculationPasses must be between 1 and 100.'.",
                "DataAnnotation validation failed for 'FormEngineOptions' members: 'RegexTimeout' with the error: 'RegexTimeout must be between 00:00:00.001 and 00:00:10.'.",
            ],
            ex.Failures.ToArray());
    }

    [Fact]
    public async Task AddIntake_WithSqliteStorage_SubmitsAndChecksConsentThroughTheContainer()
    {
        var path = Path.Combine(Path.GetTempPath(), "remedora-intake-tests", Guid.NewGuid().ToString("N") + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var services = new ServiceCollection();
        services.AddRemedora(r => r
            .AddIntake()
            .AddIntakeForm(SampleForms.Phq9())
            .UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path)));
        try
        {
            await using var provider = services.BuildServiceProvider();
            await provider.MigrateRemedoraStorageAsync();
            var tenant = TenantId.Parse("acme");
            var patient = Id<Patient>.New();
            var actor = ActorContext.ForPatient(tenant, patient);
            await using (var session = provider.GetRequiredService<IStorageSessionFactory>().OpenSession(tenant))
            {
                session.Insert(TestData.Patient().WithId(patient).InTenant(tenant).Build());
                await session.CommitAsync();
            }

            var submission = await provider.GetRequiredService<IntakeSubmissionService>().SubmitAsync(actor, patient, SampleForms.Phq9Answers(SampleForms.Phq9(), 3, 3, 3, 3, 3, 3, 3, 3, 3));
            var gate = provider.GetRequiredService<IConsentGate>();
            var check = await gate.CheckAsync(new ConsentCheckRequest(tenant, patient, ConsentKinds.Telehealth, Jurisdiction.Parse("US-CA"), DateTimeOffset.UnixEpoch));

            Assert.Equal(27m, submission.Scores["total"]);
            Assert.Equal(2, submission.RedFlags.Count);
            Assert.Same(provider.GetRequiredService<ConsentService>(), gate);
            Assert.False(check.IsActive);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }
}
