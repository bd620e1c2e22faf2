using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Remedora.Storage;
using Remedora.Storage.EntityFrameworkCore;

namespace Remedora.Audit.Tests;

/// <summary>
/// Four host processes append to one tenant on PostgreSQL and integrate its backlog, while one of them is killed with
/// SIGKILL at random moments (and restarted as a new host). Afterwards every acknowledged unit of work is in the log
/// exactly once, adjacent and in order, nothing is left in the backlog, and the log verifies.
/// </summary>
public sealed class ManyHostsKillTests
{
    private const int Hosts = 4;
    private const int UnitsPerHost = 80;
    private const int Kills = 3;

    [SkippableFact]
    public async Task Append_FourProcessesOnPostgreSqlOneKilledRepeatedly_EveryAcknowledgedRecordInTheLogExactlyOnce()
    {
        var connectionString = Databases.RequirePostgres();
        var schema = "audit_" + Guid.NewGuid().ToString("N")[..16];
        var tenant = TenantId.Parse("many-hosts");
        var acknowledged = new ConcurrentDictionary<string, byte>();
        try
        {
            using (var setup = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema), Databases.Model, new JsonDocumentCodec(), TimeProvider.System))
            {
                await setup.MigrateAsync();
            }

            var random = new Random();
            var survivors = Enumerable.Range(1, Hosts - 1).Select(h => Start(connectionString, schema, tenant, $"host{h}", UnitsPerHost, acknowledged, null)).ToList();
            for (var kill = 0; kill < Kills; kill++)
            {
                // The victim is killed after a random number of acknowledged commits: mid-commit, mid-integration or idle.
                var killAfter = random.Next(1, 40);
                var acks = new SemaphoreSlim(0);
                using var victim = Start(connectionString, schema, tenant, $"victim{kill}", UnitsPerHost, acknowledged, acks);
                for (var i = 0; i < killAfter; i++)
                {
                    Assert.True(await acks.WaitAsync(TimeSpan.FromSeconds(60)), "the victim host stopped acknowledging commits");
                }

                victim.Kill(entireProcessTree: true);
                await victim.WaitForExitAsync();
            }

            foreach (var survivor in survivors)
            {
                await survivor.WaitForExitAsync();
                Assert.Equal(0, survivor.ExitCode);
                survivor.Dispose();
            }

            // A last integrator whose clock is an hour ahead: every lease, also one a killed host held, has expired for it.
            using var final = new EntityFrameworkCoreStorage(new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema), Databases.Model, new JsonDocumentCodec(), new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(1)));
            for (var pass = 0; pass < 100 && (await final.AuditIntegrator.IntegrateAsync(tenant, "final", 1000, TimeSpan.FromSeconds(1))).HasMore; pass++)
            {
            }

            var result = await new AuditChainVerifier(final.AuditLog, integrator: final.AuditIntegrator).VerifyAsync(tenant);
            var chain = new List<AuditRecord>();
            await foreach (var entry in final.AuditLog.ReadChainAsync(tenant))
            {
                chain.Add(entry.Record!);
            }

            Assert.True(result.IsIntact, result.Break?.Description);
            Assert.Equal(0, result.Backlog.Count);
            Assert.Equal(chain.Count, chain.Select(r => r.Event.ActorId).Distinct().Count());
            var positions = chain.Select((r, i) => (r.Event.ActorId, i)).ToDictionary(p => p.ActorId, p => p.i);
            Assert.True(acknowledged.Count >= ((Hosts - 1) * UnitsPerHost) + Kills, $"{acknowledged.Count} units of work acknowledged");
            foreach (var unit in acknowledged.Keys)
            {
                Assert.True(positions.TryGetValue(unit + "-0", out var first), $"acknowledged {unit} is not in the log");
                Assert.Equal(first + 1, positions[unit + "-1"]);
            }

            // Units of work a victim committed but could not acknowledge before it died are there too, whole.
            Assert.All(chain.Where(r => r.Event.ActorId.EndsWith("-0", StringComparison.Ordinal)), r => Assert.Equal(r.Event.ActorId[..^1] + "1", chain[positions[r.Event.ActorId] + 1].Event.ActorId));
            Assert.Equal(chain.Count, result.RecordsVerified);
            Assert.Equal(chain[^1].Sequence, chain.Count);
        }
        finally
        {
            Databases.DropSchema(connectionString, schema);
        }
    }

    private static Process Start(string connectionString, string schema, TenantId tenant, string host, int units, ConcurrentDictionary<string, byte> acknowledged, SemaphoreSlim? acks)
    {
        // tests/Remedora.Audit.Tests/bin/<configuration>/<framework>/ → tests/tools/Remedora.Audit.AppendHost/bin/<configuration>/<framework>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!;
        var tests = configuration.Parent!.Parent!.Parent!;
        var tool = Path.Combine(tests.FullName, "tools", "Remedora.Audit.AppendHost", "bin", configuration.Name, output.Name, "Remedora.Audit.AppendHost.dll");
        Assert.True(File.Exists(tool), $"The append host is not built at {tool}.");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { tool, connectionString, schema, tenant.Value, host, units.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acknowledged.TryAdd(line[4..], 0);
                acks?.Release();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
