using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>The care paths package owns every collection it contributes and the core collections its engine and queue write.</summary>
public class CarePathCollectionsOwnershipTests
{
    [Fact]
    public void Contribute_EveryCollection_IsCommandOwnedByCarePaths()
    {
        var collections = StorageModel.Create([new CarePathCollections()]).Collections;

        Assert.NotEmpty(collections);
        Assert.All(collections, c => Assert.Equal("Remedora.CarePaths", c.Owner));
    }

    [Fact]
    public void CoreCollections_CasesEncountersAndWorkItems_AreCommandOwnedByCarePaths()
    {
        var owned = StorageModel.Create([new CoreCollections()]).Collections.Where(c => c.IsCommandOwned).Select(c => (c.Name, c.Owner)).ToArray();

        Assert.Equal([("care-cases", "Remedora.CarePaths"), ("encounters", "Remedora.CarePaths"), ("work-items", "Remedora.CarePaths")], owned);
    }
}
