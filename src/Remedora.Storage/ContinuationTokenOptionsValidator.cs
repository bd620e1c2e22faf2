using Microsoft.Extensions.Options;

namespace Remedora.Storage;

/// <summary>Validates <see cref="ContinuationTokenOptions"/> at start.</summary>
internal sealed class ContinuationTokenOptionsValidator : IValidateOptions<ContinuationTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, ContinuationTokenOptions options)
        => options.Secret is { Length: < ContinuationTokenProtector.MinimumSecretLength }
            ? ValidateOptionsResult.Fail($"ContinuationTokenOptions.Secret needs at least {ContinuationTokenProtector.MinimumSecretLength} random bytes, the same on every host instance.")
            : ValidateOptionsResult.Success;
}
