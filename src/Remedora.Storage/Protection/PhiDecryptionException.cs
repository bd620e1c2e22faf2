namespace Remedora.Storage.Protection;

/// <summary>A protected PHI value cannot be decrypted. The message names the key id only, never the value.</summary>
public sealed class PhiDecryptionException : RemedoraException
{
    /// <summary>The error code.</summary>
    public const string ErrorCode = "remedora.phi_decryption_failed";

    /// <summary>Initializes a new instance of the <see cref="PhiDecryptionException"/> class.</summary>
    /// <param name="keyId">The key id stored with the value, if it could be read.</param>
    /// <param name="reason">Why it cannot be decrypted.</param>
    /// <param name="innerException">The cryptographic error, if any.</param>
    public PhiDecryptionException(string? keyId, string reason, Exception? innerException = null)
        : base(ErrorCode, RemedoraErrorCategory.Unavailable, $"A protected PHI value could not be decrypted{(keyId is null ? string.Empty : $" (key '{keyId}')")}: {reason}.", innerException)
    {
        KeyId = keyId;
    }

    /// <summary>Gets the key id stored with the value.</summary>
    public string? KeyId { get; }
}
