using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.Storage.InMemory.Tests.Conformance;

// The storage conformance suite, run against the in-memory provider: one class per suite.

public sealed class InMemoryDocumentConformanceTests : DocumentConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryUnitOfWorkConformanceTests : UnitOfWorkConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryQueueConformanceTests : QueueConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryAuditLogConformanceTests : AuditLogConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryTenantIsolationConformanceTests : TenantIsolationConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryOutboxConformanceTests : OutboxConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryRecordsConformanceTests : RecordsConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}

public sealed class InMemoryDeclaredIndexConformanceTests : DeclaredIndexConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder) => builder.UseInMemoryStorage();
}
