using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>The audit services over <see cref="TestStorage"/> with the default access policy and a fake clock.</summary>
internal sealed class AuditHarness
{
    public static readonly byte[] Key1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] Key2 = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    public AuditHarness(IAuditCheckpointSigner? signer = null)
    {
        Signer = signer ?? new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k1"] = Key1 }, "k1");
        var policy = new DefaultAccessPolicy(Relationships, Clock, Options.Create(new RemedoraOptions()));
        Guard = new AccessGuard(policy, Storage, Clock);
        Verifier = new AuditChainVerifier(Storage, Signer);
        Checkpoints = new AuditCheckpoints(Storage, Storage, Guard, Clock, Signer);
        Reports = new AuditReports(Storage, Storage, Guard, Clock);
    }

    public TenantId Tenant { get; } = AuditFixtures.Tenant;

    public FakeTimeProvider Clock { get; } = new(AuditFixtures.Start);

    public TestStorage Storage { get; } = new();

    public TestRelationships Relationships { get; } = new();

    public IAuditCheckpointSigner Signer { get; }

    public AccessGuard Guard { get; }

    public AuditChainVerifier Verifier { get; }

    public AuditCheckpoints Checkpoints { get; }

    public AuditReports Reports { get; }

    public ActorContext Admin => ActorContext.ForAdministrator(Tenant, "admin-1", PurposeOfUse.Operations);

    public ActorContext System => ActorContext.ForSystem(Tenant, "nightly-verify");

    public IReadOnlyList<AuditEvent> Events => Storage.Events(Tenant);

    public void Seed(int count) => Storage.Append(Tenant, Enumerable.Range(0, count).Select(i => AuditFixtures.Event(i)));
}
