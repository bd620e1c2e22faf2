using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Remedora.Storage.InMemory.Tests.DependencyInjection;

public class UseInMemoryStorageTests
{
    [Fact]
    public void UseInMemoryStorage_Twice_RegistersNothingTwice()
    {
        var once = new ServiceCollection();
        once.AddRemedora(r => r.UseInMemoryStorage());
        var twice = new ServiceCollection();
        twice.AddRemedora(r => r.UseInMemoryStorage()).UseInMemoryStorage();
        twice.AddRemedora(r => r.UseInMemoryStorage());

        Assert.Equal(Describe(once), Describe(twice));
        foreach (var type in new[] { typeof(InMemoryStorage), typeof(IStorageSessionFactory), typeof(IWorkQueue), typeof(IAuditLogStore), typeof(IStorageModelContributor), typeof(StorageModel), typeof(IDocumentCodec) })
        {
            Assert.Single(twice, d => d.ServiceType == type);
        }
    }

    [Fact]
    public void UseInMemoryStorage_Resolved_OneStoreBehindEveryContract()
    {
        using var provider = new ServiceCollection().AddRemedora(r => r.UseInMemoryStorage()).Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var storage = provider.GetRequiredService<InMemoryStorage>();

        Assert.Same(storage, provider.GetRequiredService<IStorageSessionFactory>());
        Assert.Same(storage, provider.GetRequiredService<IWorkQueue>());
        Assert.Same(storage, provider.GetRequiredService<IAuditLogStore>());
        Assert.Same(provider.GetRequiredService<StorageModel>(), storage.Model);
        Assert.NotNull(provider.GetRequiredService<IRecords<Patient>>());
        Assert.NotNull(provider.GetRequiredService<IOutboxAdmin>());
    }

    [Fact]
    public async Task UseInMemoryStorage_InAHost_StartsAndCommits()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddRemedora(r => r.UseInMemoryStorage().AddOutboxDispatcher().AddOutboxHealthCheck());
        using var host = builder.Build();
        await host.StartAsync();

        var sessions = host.Services.GetRequiredService<IStorageSessionFactory>();
        await using (var session = sessions.OpenSession(TenantId.Parse("acme")))
        {
            session.Insert(new Tenant { Id = TenantId.Parse("acme"), Name = "Acme" });
            await session.CommitAsync();
        }

        await host.StopAsync();
        await using var check = sessions.OpenSession(TenantId.Parse("acme"));
        Assert.Equal("Acme", (await check.FindAsync<Tenant>("acme"))!.Name);
    }

    private static string[] Describe(IServiceCollection services)
        => services.Select(d => $"{d.Lifetime} {d.ServiceType.FullName} {d.ImplementationType?.FullName}").ToArray();
}
