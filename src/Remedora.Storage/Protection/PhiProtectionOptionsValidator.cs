using Microsoft.Extensions.Options;

namespace Remedora.Storage.Protection;

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
