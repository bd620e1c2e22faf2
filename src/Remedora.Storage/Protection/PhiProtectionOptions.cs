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

/// <summary>Validates <see cref="PhiProtectionOptions"/>.</summary>
internal sealed class PhiProtectionOptionsValidator : IValidateOptions<PhiProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, PhiProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Keys.Count == 0)
        {
            failures.Add("PhiProtectionOptions.Keys is empty: add at least one base64 key of 32 random bytes, or register an IPhiKeyProvider.");
        }

        foreach (var (id, text) in options.Keys)
        {
            if (!PhiKey.IsValidId(id))
            {
                failures.Add($"PhiProtectionOptions.Keys has an invalid key id '{id}': use 1 to 32 characters A-Z, a-z, 0-9, '_' or '-'.");
            }
            else if (DecodedLength(text) != PhiKey.KeyLength)
            {
                failures.Add($"PhiProtectionOptions.Keys['{id}'] must be the base64 text of exactly {PhiKey.KeyLength} random bytes.");
            }
        }

        if (options.CurrentKeyId is null || !options.Keys.ContainsKey(options.CurrentKeyId))
        {
            failures.Add($"PhiProtectionOptions.CurrentKeyId '{options.CurrentKeyId}' names no key in Keys.");
        }

        if (DecodedLength(options.BlindIndexKey) < PhiKey.KeyLength)
        {
            failures.Add($"PhiProtectionOptions.BlindIndexKey must be the base64 text of at least {PhiKey.KeyLength} random bytes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static int DecodedLength(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return 0;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? written : 0;
    }
}
