using Microsoft.Extensions.DependencyInjection;
using Remedora.Testing.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>
/// The records conformance suite with the care paths collections in the model, so that its command-owned check also
/// tries generic writes of case facts, case history, command receipts and clinician pools (and finds them refused).
/// </summary>
public sealed class CarePathsRecordsConformanceTests : RecordsConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder)
        => builder.UseInMemoryStorage().AddStorageModelContributor<CarePathCollections>();
}
