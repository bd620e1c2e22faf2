using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

/// <summary>The time documents hold, by group (document key to range) and by document (its group).</summary>
internal sealed record TimeRangeIndex(
    ImmutableDictionary<TimeRangeGroupKey, ImmutableDictionary<string, TimeRangeOccupancy>> Groups,
    ImmutableDictionary<TimeRangeDocumentKey, string> GroupOf)
{
    public static TimeRangeIndex Empty { get; } = new(
        ImmutableDictionary<TimeRangeGroupKey, ImmutableDictionary<string, TimeRangeOccupancy>>.Empty,
        ImmutableDictionary<TimeRangeDocumentKey, string>.Empty);
}
