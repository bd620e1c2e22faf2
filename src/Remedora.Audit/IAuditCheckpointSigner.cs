namespace Remedora.Audit;

/// <summary>
/// Signs audit checkpoints and checks their signatures. The built-in signers hold their keys in memory
/// (<see cref="HmacAuditCheckpointSigner"/>, <see cref="EcdsaAuditCheckpointSigner"/>); implement this interface to keep
/// the key in a key management service or HSM and sign there.
/// </summary>
public interface IAuditCheckpointSigner
{
    /// <summary>Gets the algorithm new signatures use, for example <c>HMAC-SHA256</c>.</summary>
    string Algorithm { get; }

    /// <summary>Gets the id of the key new signatures use.</summary>
    string KeyId { get; }

    /// <summary>Signs a checkpoint payload with the current key.</summary>
    /// <param name="payload">The bytes to sign.</param>
    /// <param name="cancellationToken">A token to cancel signing.</param>
    /// <returns>The signature.</returns>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default);

    /// <summary>Checks a signature made with any key this signer knows (current or retired).</summary>
    /// <param name="payload">The signed bytes.</param>
    /// <param name="signature">The signature.</param>
    /// <param name="algorithm">The algorithm the checkpoint names.</param>
    /// <param name="keyId">The key the checkpoint names.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns><see langword="true"/> when the key is known, the algorithm is the key's and the signature verifies.</returns>
    ValueTask<bool> VerifyAsync(ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> signature, string algorithm, string keyId, CancellationToken cancellationToken = default);
}
