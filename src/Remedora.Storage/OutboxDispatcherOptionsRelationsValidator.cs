using Microsoft.Extensions.Options;

namespace Remedora.Storage;

/// <summary>Checks the rules between options that data annotations cannot express.</summary>
internal sealed class OutboxDispatcherOptionsRelationsValidator : IValidateOptions<OutboxDispatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, OutboxDispatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InitialBackoff > options.MaxBackoff)
        {
            return ValidateOptionsResult.Fail($"InitialBackoff ({options.InitialBackoff:c}) must not be greater than MaxBackoff ({options.MaxBackoff:c}).");
        }

        if (options.OwnerId is { Length: > 0 } owner && string.IsNullOrWhiteSpace(owner))
        {
            return ValidateOptionsResult.Fail("OwnerId must not be white space; leave it null to generate one.");
        }

        return ValidateOptionsResult.Success;
    }
}
