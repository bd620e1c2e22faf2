using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Remedora.Audit;

/// <summary>Options of the audit package. Validated when the host starts; changes are recorded in every tenant's audit log.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// Gets or sets the id of the key in <see cref="CheckpointKeys"/> that signs new checkpoints (HMAC-SHA256).
    /// </summary>
    /// <value>The default is <see langword="null"/>: no built-in signer (register your own <see cref="IAuditCheckpointSigner"/> to use checkpoints).</value>
    public string? CheckpointKeyId { get; set; }

    /// <summary>
    /// Gets the HMAC-SHA256 checkpoint keys by id, each the base64 text of at least 32 random bytes. Keep retired keys
    /// here (under their ids) for as long as checkpoints they signed must still be checked.
    /// </summary>
    /// <value>The default is empty. Key ids are 1 to 64 characters <c>A-Z</c>, <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c> and <c>-</c>.</value>
    public IDictionary<string, string> CheckpointKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether changes of the security settings are recorded in each tenant's audit log.</summary>
    /// <value>The default is <see langword="true"/>. Turning it off is itself recorded, as the last change.</value>
    public bool RecordSettingsChanges { get; set; } = true;
}

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
