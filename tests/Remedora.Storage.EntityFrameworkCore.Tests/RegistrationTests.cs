using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora.Diagnostics;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

public sealed class RegistrationTests : IDisposable
{
    private readonly string _path = TestDatabases.NewSqlitePath();

    public void Dispose() => TestDatabases.DeleteSqlite(_path);

    [Fact]
    public void UseEntityFrameworkCoreStorage_CalledTwice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(_path)));
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(_path)).UseEntityFrameworkCoreStorage(o => o.MigrateOnStartup = true));

        static List<string> Services(IServiceCollection services) => services
            .Where(d => d.ServiceType != typeof(IConfigureOptions<EntityFrameworkCoreStorageOptions>))
            .Select(d => d.ServiceType.FullName + "|" + d.ImplementationType?.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Services(once), Services(twice));
        using var provider = twice.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<EntityFrameworkCoreStorageOptions>>().Value;
        Assert.Equal((StorageDatabaseKind.Sqlite, true), (options.Database, options.MigrateOnStartup));
        var healthChecks = provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Single(healthChecks, h => h.Name == EntityFrameworkCoreStorageRemedoraBuilderExtensions.HealthCheckName);
    }

    [Fact]
    public void UseEntityFrameworkCoreStorage_Resolves_TheStoragePartsAndTheRecords()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(_path)));
        using var provider = services.BuildServiceProvider();

        var storage = provider.GetRequiredService<EntityFrameworkCoreStorage>();

        Assert.Same(storage.Sessions, provider.GetRequiredService<IStorageSessionFactory>());
        Assert.Same(storage.WorkQueue, provider.GetRequiredService<IWorkQueue>());
        Assert.Same(storage.AuditLog, provider.GetRequiredService<IAuditLogStore>());
        Assert.NotNull(provider.GetRequiredService<IRecords<Patient>>());
        Assert.Equal(StorageDatabaseKind.Sqlite, storage.Database);
    }

    [Theory]
    [InlineData("none", "No database is configured for Remedora storage: call UseSqlite(...), UseSqliteFile(...) or UseNpgsql(...) in UseEntityFrameworkCoreStorage.")]
    [InlineData("sqlite-empty", "ConnectionString is required: pass it to UseSqlite(...) or UseNpgsql(...).")]
    [InlineData("sqlite-bad", "ConnectionString is not a valid SQLite connection string: use the Microsoft.Data.Sqlite syntax, for example 'Data Source=remedora.db'.")]
    [InlineData("sqlite-memory", "The SQLite connection string must name a database file, for example 'Data Source=remedora.db': an in-memory database cannot be shared by the connections Remedora opens.")]
    [InlineData("sqlite-busy", "BusyTimeout must be between 00:00:01 and 00:10:00.")]
    [InlineData("npgsql-bad", "ConnectionString is not a valid PostgreSQL connection string: use the Npgsql syntax, for example 'Host=localhost;Database=remedora;Username=remedora;Password=...'.")]
    [InlineData("npgsql-schema", "Schema must be 1 to 63 characters a-z, 0-9 and '_', starting with a letter or '_' (for example 'remedora').")]
    public async Task HostStart_InvalidOptions_FailsWithTheExactMessage(string scenario, string message)
    {
        Action<EntityFrameworkCoreStorageOptions> configure = scenario switch
        {
            "none" => _ => { },
            "sqlite-empty" => o => o.UseSqlite(" "),
            "sqlite-bad" => o => o.UseSqlite("Data Source=x.db;Nonsense=1"),
            "sqlite-memory" => o => o.UseSqlite("Data Source=:memory:"),
            "sqlite-busy" => o => { o.UseSqliteFile(_path); o.BusyTimeout = TimeSpan.Zero; },
            "npgsql-bad" => o => o.UseNpgsql("Host=localhost;Bogus Keyword=1"),
            _ => o => o.UseNpgsql("Host=localhost;Database=remedora", schema: "Remedora-Schema"),
        };
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(configure));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal([message], failure.Failures);
        var direct = Assert.Throws<ArgumentException>(() => new EntityFrameworkCoreStorage(Configured(configure), StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System));
        Assert.StartsWith(message, direct.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostStart_MigrateOnStartup_AppliesTheMigrationsBeforeHostedServicesStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => { o.UseSqliteFile(_path); o.MigrateOnStartup = true; }));
        var observed = new List<int>();
        builder.Services.AddHostedService(sp => new ObservingService(sp.GetRequiredService<EntityFrameworkCoreStorage>(), observed));
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.Equal([0], observed);
    }

    [Fact]
    public async Task MigrateRemedoraStorageAsync_Registered_AppliesMigrations_AndUnregistered_Throws()
    {
        var services = new ServiceCollection();
        services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(_path)));
        await using var provider = services.BuildServiceProvider();

        await provider.MigrateRemedoraStorageAsync();

        Assert.Empty(await provider.GetRequiredService<EntityFrameworkCoreStorage>().GetPendingMigrationsAsync());
        await using var empty = new ServiceCollection().BuildServiceProvider();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => empty.MigrateRemedoraStorageAsync());
        Assert.Equal("Remedora storage on Entity Framework Core is not registered: call AddRemedora(r => r.UseEntityFrameworkCoreStorage(...)) first.", ex.Message);
    }

    [Fact]
    public async Task HealthCheck_ReportsPendingMigrations_ThenHealthy_AndAnUnreachableDatabase()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(_path)));
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var before = (await health.CheckHealthAsync()).Entries[EntityFrameworkCoreStorageRemedoraBuilderExtensions.HealthCheckName];
        await provider.MigrateRemedoraStorageAsync();
        var after = (await health.CheckHealthAsync()).Entries[EntityFrameworkCoreStorageRemedoraBuilderExtensions.HealthCheckName];

        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal("The Remedora storage schema lacks 5 migration(s): apply them with MigrateRemedoraStorageAsync(), MigrateOnStartup or the migration script.", before.Description);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Equal("sqlite", after.Data["database"]);

        var unreachable = new ServiceCollection().AddLogging();
        unreachable.AddRemedora(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqlite($"Data Source={Path.Combine(_path + ".missing", "x.db")};Mode=ReadWrite")));
        await using var unreachableProvider = unreachable.BuildServiceProvider();
        var report = await unreachableProvider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        var entry = report.Entries[EntityFrameworkCoreStorageRemedoraBuilderExtensions.HealthCheckName];
        Assert.Equal((HealthStatus.Unhealthy, "The Remedora storage database does not answer."), (entry.Status, entry.Description));
    }

    [Fact]
    public async Task Claims_AreMeasured_OnTheRemedoraMeter()
    {
        using var storage = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseSqliteFile(_path), StorageFixture.Model, new JsonDocumentCodec(), TimeProvider.System);
        await storage.MigrateAsync();
        var tenant = Tenants.New();
        await using (var session = storage.Sessions.OpenSession(tenant))
        {
            session.Enqueue(new QueueItem { Id = Guid.NewGuid(), TenantId = tenant, Queue = "measured", DueAt = DateTimeOffset.UnixEpoch, AvailableAt = DateTimeOffset.UnixEpoch });
            await session.CommitAsync();
        }

        var measurements = new List<(double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == RemedoraTelemetry.Meter && instrument.Name == StorageTelemetry.ClaimDurationInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            if (Equals(copy["remedora.queue"], "measured"))
            {
                lock (measurements)
                {
                    measurements.Add((value, copy));
                }
            }
        });
        listener.Start();

        var request = new ClaimRequest { Queue = "measured", TenantId = tenant, Owner = "w", LeaseDuration = TimeSpan.FromMinutes(1) };
        await storage.WorkQueue.ClaimNextAsync(request);
        await storage.WorkQueue.ClaimNextAsync(request);

        Assert.Equal(["claimed", "empty"], measurements.Select(m => m.Tags[StorageTelemetry.OutcomeTag]));
        Assert.All(measurements, m => Assert.Equal("claim_next", m.Tags[StorageTelemetry.OperationTag]));
        Assert.All(measurements, m => Assert.True(m.Value >= 0));
    }

    private static EntityFrameworkCoreStorageOptions Configured(Action<EntityFrameworkCoreStorageOptions> configure)
    {
        var options = new EntityFrameworkCoreStorageOptions();
        configure(options);
        return options;
    }

    private sealed class ObservingService(EntityFrameworkCoreStorage storage, List<int> observed) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken) => observed.Add((await storage.GetPendingMigrationsAsync(cancellationToken)).Count);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
