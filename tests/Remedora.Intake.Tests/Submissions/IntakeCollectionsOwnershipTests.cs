using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.Intake.Tests.Submissions;

/// <summary>Submissions, consents and consent documents change only through the intake package's commands, and their ids are chosen by the SDK.</summary>
public class IntakeCollectionsOwnershipTests
{
    [Fact]
    public void Contribute_EveryCollection_IsCommandOwnedByIntakeWithSdkChosenIds()
    {
        var collections = StorageModel.Create([new IntakeCollections()]).Collections;

        Assert.Equal(["intake.submissions", "intake.consent-documents", "intake.consents"], collections.Select(c => c.Name));
        Assert.All(collections, c => Assert.Equal(("Remedora.Intake", true), (c.Owner, c.AssignsKeys)));
    }
}
