using Microsoft.Extensions.Options;

namespace Remedora.Audit;

/// <summary>The HMAC-SHA256 signer configured through <see cref="AuditOptions"/>; follows option reloads (key rotation).</summary>
internal sealed class OptionsAuditCheckpointSigner(IOptionsMonitor<AuditOptions> options) : IAuditCheckpointSigner
{
    public string Algorithm => HmacAuditCheckpointSigner.AlgorithmName;

    public string KeyId => options.CurrentValue.CheckpointKeyId ?? string.Empty;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
        => (Create() ?? throw new AuditCheckpointSignerMissingException()).SignAsync(payload, cancellationToken);

    public ValueTask<bool> VerifyAsync(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature, string algorithm, string keyId, CancellationToken cancellationToken = default)
        => Create(keyId) is { } signer ? signer.VerifyAsync(payload, signature, algorithm, keyId, cancellationToken) : ValueTask.FromResult(false);

    private HmacAuditCheckpointSigner? Create(string? keyId = null)
    {
        var current = options.CurrentValue;
        var id = keyId ?? current.CheckpointKeyId;
        if (id is null || !current.CheckpointKeys.TryGetValue(id, out var text))
        {
            return null;
        }

        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [id] = Convert.FromBase64String(text) };
        return new HmacAuditCheckpointSigner(keys, id);
    }
}
