using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Remedora.Samples.Quickstart;

// Usage: dotnet run --project samples/Remedora.Samples.Quickstart [-- --postgres "<Npgsql connection string>"]
// Without --postgres the sample stores everything in remedora-quickstart.db (SQLite) in the working directory.
var postgres = QuickstartArguments.Postgres(args);
var databaseFile = Path.GetFullPath("remedora-quickstart.db");
if (postgres is null)
{
    QuickstartArguments.DeleteSqliteFile(databaseFile); // each run starts from an empty database file
}
else
{
    await QuickstartArguments.DropPostgresSchemaAsync(postgres); // ... or an empty schema
}

// #region register
// begin-snippet: quickstart-host
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);

builder.Services.AddRemedora(remedora => remedora
    .Configure(options => options.ApplicationId = "quickstart")
    .UseEntityFrameworkCoreStorage(storage =>
    {
        if (postgres is null)
        {
            storage.UseSqliteFile(databaseFile);
        }
        else
        {
            storage.UseNpgsql(postgres, schema: "remedora_quickstart");
        }

        storage.MigrateOnStartup = true;
    })
    .ProtectPhi(phi =>
    {
        // Keys belong in a key vault (see docs/audit-and-security.md); the sample makes throwaway ones.
        phi.Keys["quickstart-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        phi.CurrentKeyId = "quickstart-1";
        phi.BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    })
    .AddAudit()
    .AddIntake()
    .AddIntakeForm(Phq9.Form)
    .AddCarePaths()
    // A host runs the outbox dispatcher (AddOutboxDispatcher()); this sample delivers the outbox by hand, one step at a
    // time (step 5), so it registers the dispatcher switched off: the start-up check then knows delivery is deliberate.
    .AddOutboxDispatcher(outbox => outbox.Enabled = false));

builder.Services.AddSingleton<QuickstartJourney>();
// end-snippet
// #endregion register

using var host = builder.Build();
await host.StartAsync(); // validates every package's options and applies the storage migrations
await host.Services.GetRequiredService<QuickstartJourney>().RunAsync(Console.Out, postgres is null ? $"SQLite file {databaseFile}" : "PostgreSQL");
await host.StopAsync();
