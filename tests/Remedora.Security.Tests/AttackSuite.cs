using Remedora.Security.Tests.Attacks;
using Remedora.Security.Tests.World;
using Remedora.Storage;

namespace Remedora.Security.Tests;

/// <summary>
/// The attacker's suite, run by each provider through a subclass. Every entry point (discovered, see
/// <see cref="EntryPointCatalog"/>) is called by every attacker with each of its own ids replaced by patient B's, and
/// again by an id that exists nowhere: both must fail alike, the first must change nothing and be audited.
/// </summary>
public abstract class AttackSuite
{
    private protected abstract Task<SecurityWorld> StartAsync();

    [SkippableFact]
    public async Task EveryEntryPoint_VictimIdsFromEveryAttacker_FailExactlyLikeMissingIds()
    {
        await using var world = await StartAsync();
        var (entryPoints, unresolved) = EntryPointCatalog.Discover(world.Services, world.Model);
        var runner = new AttackRunner(world);
        foreach (var entryPoint in entryPoints)
        {
            foreach (var attacker in world.Attackers())
            {
                await runner.AttackAsync(entryPoint, attacker);
            }
        }

        var problems = unresolved.Select(u => "not resolvable: " + u)
            .Concat(runner.Uncovered.Distinct().Select(u => "not callable: " + u))
            .Concat(runner.Failures)
            .ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {runner.Attempts} attempts:\n" + string.Join("\n", problems));

        // The discovery must have found the entry points the issue names, and attacked each with a substituted id.
        foreach (var known in new[] { "IRecords<CareCase>.UpdateAsync", "IRecords<CareCase>.GetAsync", "IRecords<Patient>.DeleteAsync", "IntakeSubmissionService.SubmitAsync", "CarePathEngine.FireAsync", "ConsentService.RevokeAsync", "AuditReports.GetAccessLogAsync" })
        {
            Assert.Contains(runner.EntryPointsAttacked, name => name.StartsWith(known, StringComparison.Ordinal));
        }

        Assert.True(runner.Attempts > 200, $"Only {runner.Attempts} attempts ran.");
    }

    [SkippableFact]
    public async Task EveryCollection_SearchByEveryAttacker_ReturnsNothingOfTheVictim()
    {
        await using var world = await StartAsync();
        var runner = new AttackRunner(world);
        var failures = new List<string>();
        foreach (var collection in world.Model.Collections)
        {
            var records = world.Services.GetService(typeof(IRecords<>).MakeGenericType(collection.DocumentType));
            Assert.NotNull(records);
            var search = records!.GetType().GetMethod(nameof(IRecords<Patient>.SearchAsync))!;
            var query = typeof(DocumentQuery<>).MakeGenericType(collection.DocumentType).GetProperty("All")!.GetValue(null);
            foreach (var attacker in world.Attackers())
            {
                var outcome = await AttackRunner.InvokeAsync(records, search, [attacker.Actor, query, CancellationToken.None]);
                if (outcome.Error is { } error and not RemedoraException)
                {
                    failures.Add($"{collection.Name} searched by {attacker}: {error.GetType().Name}");
                }
                else if (runner.Leaks(outcome.Result) is { } leaked)
                {
                    failures.Add($"{collection.Name} searched by {attacker}: returned B's {leaked}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}

public sealed class InMemoryAttackSuite : AttackSuite
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.InMemoryAsync();
}

public sealed class SqliteAttackSuite : AttackSuite
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.SqliteAsync();
}

public sealed class PostgreSqlAttackSuite : AttackSuite
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.PostgresAsync();
}
