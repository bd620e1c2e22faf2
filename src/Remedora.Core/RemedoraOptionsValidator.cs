using Microsoft.Extensions.Options;

namespace Remedora;

[OptionsValidator]
internal sealed partial class RemedoraOptionsValidator : IValidateOptions<RemedoraOptions>;
