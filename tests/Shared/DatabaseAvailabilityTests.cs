namespace Remedora.Tests.Shared;

/// <summary>States once per test assembly whether the PostgreSQL tests ran.</summary>
public sealed class DatabaseAvailabilityTests
{
    /// <summary>
    /// Skipped, with the reason, when the assembly has PostgreSQL tests and no server is configured; passes otherwise.
    /// </summary>
    [SkippableFact]
    public void PostgreSqlTests_RunOnlyWhenRemedoraTestPostgresIsSet()
    {
        var hasPostgreSqlTests = typeof(DatabaseAvailabilityTests).Assembly.GetTypes()
            .Any(t => t.Name.StartsWith("PostgreSql", StringComparison.Ordinal) && !t.IsAbstract);
        Skip.If(
            hasPostgreSqlTests && RemedoraTestFramework.LeavesOutPostgreSql,
            $"The PostgreSQL tests of this assembly were not run: set {RemedoraTestFramework.PostgresVariable} to a PostgreSQL connection string to run them (see 'Run the tests' in README.md).");

        // The PostgreSQL classes are only left out by the assembly's framework: it must be this one.
        var framework = typeof(DatabaseAvailabilityTests).Assembly.GetCustomAttributes(typeof(TestFrameworkAttribute), inherit: false)
            .Cast<TestFrameworkAttribute>()
            .Single();
        Assert.NotNull(framework);
    }
}
