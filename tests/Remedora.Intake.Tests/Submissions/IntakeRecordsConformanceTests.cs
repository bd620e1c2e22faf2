using Microsoft.Extensions.DependencyInjection;
using Remedora.Intake.Submissions;
using Remedora.Testing.Storage;

namespace Remedora.Intake.Tests.Submissions;

/// <summary>
/// The records conformance suite with the intake collections in the model, so that its command-owned check also
/// tries generic writes of submissions, consents and consent documents (and finds them refused).
/// </summary>
public sealed class IntakeRecordsConformanceTests : RecordsConformanceTests
{
    protected override void ConfigureStorage(IRemedoraBuilder builder)
        => builder.UseInMemoryStorage().AddStorageModelContributor<IntakeCollections>();
}
