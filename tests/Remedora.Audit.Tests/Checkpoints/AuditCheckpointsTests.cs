using System.Security.Cryptography;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

public sealed class AuditCheckpointsTests
{
    [Fact]
    public async Task CreateAsync_Administrator_SignsTheHeadAndAuditsTheExport()
    {
        var harness = new AuditHarness();
        harness.Seed(10);

        var checkpoint = await harness.Checkpoints.CreateAsync(harness.Admin);

        Assert.Equal(10, checkpoint.Sequence);
        Assert.True(checkpoint.Hash.Span.SequenceEqual(harness.Storage.Chain(harness.Tenant)[9].Hash.Span));
        Assert.Equal(("HMAC-SHA256", "k1"), (checkpoint.Algorithm, checkpoint.KeyId));
        Assert.True(await AuditCheckpoint.VerifySignatureAsync(checkpoint, harness.Signer));
        var audited = harness.Events[^1];
        Assert.Equal((AuditAction.Export, "AuditLog", AuditOutcome.Success, "admin-1"), (audited.Action, audited.ResourceType, audited.Outcome, audited.ActorId));
        Assert.Contains("checkpoint:10", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_Clinician_IsDeniedAndTheAttemptAudited()
    {
        var harness = new AuditHarness();
        var clinician = ActorContext.ForClinician(harness.Tenant, Id<Practitioner>.New());

        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => harness.Checkpoints.CreateAsync(clinician));

        Assert.Equal("remedora.access_denied", error.Code);
        var audited = Assert.Single(harness.Events);
        Assert.Equal((AuditAction.Export, AuditOutcome.Denied), (audited.Action, audited.Outcome));
        Assert.StartsWith("denied:RoleNotPermitted", audited.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AdministratorWithoutPurpose_IsDenied()
    {
        var harness = new AuditHarness();

        await Assert.ThrowsAsync<AccessDeniedException>(() => harness.Checkpoints.CreateAsync(ActorContext.ForAdministrator(harness.Tenant, "admin-2")));

        Assert.StartsWith("denied:PurposeRequired", Assert.Single(harness.Events).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAndImport_RoundTrip_KeepsEveryField()
    {
        var harness = new AuditHarness();
        harness.Seed(3);
        var checkpoint = await harness.Checkpoints.CreateAsync(harness.System);

        var imported = await harness.Checkpoints.ImportAsync(checkpoint.Export());

        Assert.Equal(checkpoint.Export(), imported.Export());
        Assert.Equal((checkpoint.TenantId, checkpoint.Sequence, checkpoint.CreatedAt), (imported.TenantId, imported.Sequence, imported.CreatedAt));
    }

    [Theory]
    [InlineData("\"sequence\":3", "\"sequence\":2")]
    [InlineData("\"tenant\":\"acme-derm\"", "\"tenant\":\"other\"")]
    [InlineData("\"keyId\":\"k1\"", "\"keyId\":\"k2\"")]
    public async Task ImportAsync_AlteredCheckpoint_IsRejected(string original, string altered)
    {
        var harness = new AuditHarness();
        harness.Seed(3);
        var exported = (await harness.Checkpoints.CreateAsync(harness.System)).Export();
        Assert.Contains(original, exported, StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<AuditCheckpointInvalidException>(() => harness.Checkpoints.ImportAsync(exported.Replace(original, altered, StringComparison.Ordinal)));

        Assert.Equal("remedora.audit.checkpoint_invalid", error.Code);
    }

    [Fact]
    public async Task ImportAsync_Garbage_IsRejectedWithAClearMessage()
    {
        var harness = new AuditHarness();

        var error = await Assert.ThrowsAsync<AuditCheckpointInvalidException>(() => harness.Checkpoints.ImportAsync("{\"format\":\"x\"}"));

        Assert.Equal("The text is not an audit checkpoint: its format must be 'remedora.audit-checkpoint/2' or 'remedora.audit-checkpoint/1'.", error.Message);
    }

    [Fact]
    public async Task VerifyAsync_RewrittenLog_IsCaughtAgainstASavedCheckpoint()
    {
        var harness = new AuditHarness();
        harness.Seed(100);
        var saved = (await harness.Checkpoints.CreateAsync(harness.System)).Export();
        Tamper.Rewrite(harness.Storage, harness.Tenant, 30);
        Assert.True((await harness.Verifier.VerifyAsync(harness.Tenant)).IsIntact);

        var result = await harness.Verifier.VerifyAsync(harness.Tenant, await harness.Checkpoints.ImportAsync(saved));

        Assert.Equal((100L, AuditBreakReason.Rewritten), (result.Break!.Index, result.Break.Reason));
    }

    [Fact]
    public async Task VerifyAsync_LogAndHeadCutBack_IsCaughtAgainstASavedCheckpoint()
    {
        var harness = new AuditHarness();
        harness.Seed(100);
        var checkpoint = await harness.Checkpoints.CreateAsync(harness.System);
        var chain = harness.Storage.Chain(harness.Tenant);
        chain.RemoveRange(80, chain.Count - 80);
        harness.Storage.SetHead(harness.Tenant, new AuditChainHead(80, chain[79].Hash));
        Assert.True((await harness.Verifier.VerifyAsync(harness.Tenant)).IsIntact);

        var result = await harness.Verifier.VerifyAsync(harness.Tenant, checkpoint);

        Assert.Equal((81L, AuditBreakReason.Truncated), (result.Break!.Index, result.Break.Reason));
    }

    [Fact]
    public async Task VerifyAsync_LaterAppends_StillMatchTheCheckpoint()
    {
        var harness = new AuditHarness();
        harness.Seed(50);
        var checkpoint = await harness.Checkpoints.CreateAsync(harness.System);
        harness.Seed(25);

        var result = await harness.Verifier.VerifyAsync(harness.Tenant, checkpoint);

        Assert.True(result.IsIntact);
        Assert.Equal(76, result.RecordsVerified);
    }

    [Fact]
    public async Task VerifyAsync_ForgedCheckpoint_Throws()
    {
        var harness = new AuditHarness();
        harness.Seed(5);
        var checkpoint = await harness.Checkpoints.CreateAsync(harness.System);

        var forged = checkpoint with { Hash = new byte[32] };

        await Assert.ThrowsAsync<AuditCheckpointInvalidException>(() => harness.Verifier.VerifyAsync(harness.Tenant, forged));
    }

    [Fact]
    public async Task HmacSigner_RotatedKey_StillVerifiesCheckpointsOfTheRetiredKey()
    {
        var old = new AuditHarness();
        old.Seed(5);
        var checkpoint = await old.Checkpoints.CreateAsync(old.System);

        var rotated = new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k1"] = AuditHarness.Key1, ["k2"] = AuditHarness.Key2 }, "k2");
        var withoutOld = new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k2"] = AuditHarness.Key2 }, "k2");

        Assert.True(await AuditCheckpoint.VerifySignatureAsync(checkpoint, rotated));
        Assert.False(await AuditCheckpoint.VerifySignatureAsync(checkpoint, withoutOld));
    }

    [Fact]
    public async Task EcdsaSigner_VerifyOnlySigner_ChecksButCannotSign()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var publicKey = ECDsa.Create(key.ExportParameters(includePrivateParameters: false));
        var signer = new EcdsaAuditCheckpointSigner("ec1", key, new Dictionary<string, ECDsa> { ["ec1"] = key });
        var auditor = new EcdsaAuditCheckpointSigner("ec1", null, new Dictionary<string, ECDsa> { ["ec1"] = publicKey });
        var harness = new AuditHarness(signer);
        harness.Seed(5);

        var checkpoint = await harness.Checkpoints.CreateAsync(harness.System);

        Assert.Equal("ECDSA-P256-SHA256", checkpoint.Algorithm);
        Assert.True(await AuditCheckpoint.VerifySignatureAsync(checkpoint, auditor));
        Assert.False(await AuditCheckpoint.VerifySignatureAsync(checkpoint with { Sequence = 4 }, auditor));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await auditor.SignAsync(new byte[3]));
    }

    [Fact]
    public void HmacSigner_ShortKey_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k"] = new byte[16] }, "k"));

        Assert.StartsWith("Checkpoint key 'k' has fewer than 32 bytes.", error.Message, StringComparison.Ordinal);
    }
}
