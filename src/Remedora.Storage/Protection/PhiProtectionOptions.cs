using Microsoft.Extensions.Options;

namespace Remedora.Storage.Protection;

/// <summary>
/// The keys of PHI protection when they come from configuration (for keys from a key management service, register an
/// <see cref="IPhiKeyProvider"/> instead). Validated when the host starts.
/// </summary>
public sealed class PhiProtectionOptions
{
    /// <summary>Gets the data-encryption keys by id, each the base64 text of 32 random bytes. Keep old keys until re-encryption has finished.</summary>
    /// <value>The default is empty. Key ids are 1 to 32 characters <c>A-Z</c>, <c>a-z</c>, <c>0-9</c>, <c>_</c> and <c>-</c>.</value>
    public IDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the id of the key that encrypts new values.</summary>
    /// <value>The default is <see langword="null"/>; required when <see cref="Keys"/> are used.</value>
    public string? CurrentKeyId { get; set; }

    /// <summary>Gets or sets the blind-index key: the base64 text of at least 32 random bytes, different from the data keys.</summary>
    /// <value>The default is <see langword="null"/>; required when <see cref="Keys"/> are used. Changing it makes lookups by protected indexes miss documents until they are re-encrypted.</value>
    public string? BlindIndexKey { get; set; }

    /// <summary>Builds the key ring these options describe.</summary>
    /// <returns>The key ring.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public PhiKeyRing CreateKeyRing()
    {
        var result = new PhiProtectionOptionsValidator().Validate(Options.DefaultName, this);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(PhiProtectionOptions), result.Failures);
        }

        return new PhiKeyRing(Keys.Select(k => new PhiKey(k.Key, Convert.FromBase64String(k.Value))), CurrentKeyId!, Convert.FromBase64String(BlindIndexKey!));
    }
}
