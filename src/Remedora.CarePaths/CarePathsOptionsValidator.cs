using Microsoft.Extensions.Options;

namespace Remedora.CarePaths;

[OptionsValidator]
internal sealed partial class CarePathsOptionsValidator : IValidateOptions<CarePathsOptions>;
