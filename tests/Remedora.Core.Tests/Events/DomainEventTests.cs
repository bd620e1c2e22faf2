using Remedora.Events;
using Remedora.Testing;

namespace Remedora.Core.Tests.Events;

public class DomainEventTests
{
    [Fact]
    public void DomainEvent_GetsAUniqueTimeOrderedEventId()
    {
        var first = Accessed();
        var second = Accessed();

        Assert.NotEqual(first.EventId, second.EventId);
        Assert.Equal(7, first.EventId.Version);
        Assert.IsAssignableFrom<IDomainEvent>(first);
    }

    [Fact]
    public void DomainEvent_Redelivered_KeepsItsEventId()
    {
        var original = Accessed();

        var copy = original with { };

        Assert.Equal(original.EventId, copy.EventId);
        Assert.Equal(original, copy);
    }

    private static BreakGlassAccessed Accessed() => new()
    {
        TenantId = TestData.TenantId,
        OccurredAt = TestClock.Start,
        ActorId = "dr-7",
        ActorRole = ActorRole.Clinician,
        PatientId = Id<Patient>.New(),
        ResourceType = "Patient",
        Reason = "Unresponsive patient",
    };
}
