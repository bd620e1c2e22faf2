using Xunit.Abstractions;
using Xunit.Sdk;

namespace Remedora.Tests.Shared;

/// <summary>
/// The xunit framework of every Remedora test assembly. It is xunit's own, except that when no PostgreSQL server is
/// configured, the PostgreSQL test classes (named <c>PostgreSql*</c>) are not discovered at all, so a run without a
/// server lists no skipped tests; <see cref="DatabaseAvailabilityTests"/> states once why they did not run. When
/// <c>REMEDORA_REQUIRE_POSTGRES</c> is set (CI), every test is discovered and a missing server fails the run.
/// </summary>
public sealed class RemedoraTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    /// <summary>The variable that holds the PostgreSQL connection string of the test server.</summary>
    public const string PostgresVariable = "REMEDORA_TEST_POSTGRES";

    /// <summary>The variable that makes a missing PostgreSQL server a failure rather than a reason to skip.</summary>
    public const string RequirePostgresVariable = "REMEDORA_REQUIRE_POSTGRES";

    /// <summary>Whether the PostgreSQL test classes are left out of this run.</summary>
    public static bool LeavesOutPostgreSql =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable))
        && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(RequirePostgresVariable));

    /// <inheritdoc />
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForType(ITestClass testClass, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (LeavesOutPostgreSql && testClass.Class.Name.Split('.', '+')[^1].StartsWith("PostgreSql", StringComparison.Ordinal))
            {
                return true;
            }

            return base.FindTestsForType(testClass, includeSourceInformation, messageBus, discoveryOptions);
        }
    }
}
