using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Remedora.Audit;

/// <summary>Validates <see cref="AuditOptions"/> at start.</summary>
internal sealed partial class AuditOptionsValidator : IValidateOptions<AuditOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (id, text) in options.CheckpointKeys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                failures.Add($"CheckpointKeys has an invalid key id '{id}': use 1 to 64 characters A-Z, a-z, 0-9, '.', '_' or '-'.");
                continue;
            }

            if (!IsKey(text))
            {
                failures.Add($"CheckpointKeys['{id}'] must be the base64 text of at least {HmacAuditCheckpointSigner.MinimumKeyLength} random bytes.");
            }
        }

        if (options.CheckpointKeyId is { } current && !options.CheckpointKeys.ContainsKey(current))
        {
            failures.Add($"CheckpointKeyId '{current}' names no key in CheckpointKeys: add the key or change the id.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsKey(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written >= HmacAuditCheckpointSigner.MinimumKeyLength;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyIdPattern();
}
