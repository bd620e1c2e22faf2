using Microsoft.Extensions.Options;

namespace Remedora.Storage;

[OptionsValidator]
internal sealed partial class OutboxDispatcherOptionsValidator : IValidateOptions<OutboxDispatcherOptions>;
