
namespace Remedora.Storage;

/// <content>The time-range constraints of a collection.</content>
public abstract partial class DocumentCollection
{
    /// <summary>Gets the time-range constraints: groups of documents that may not overlap in time (or only up to a capacity).</summary>
    /// <value>The constraints, in the order they were declared; empty when the collection has none.</value>
    public IReadOnlyList<TimeRangeConstraint> TimeRanges { get; internal init; } = [];
}
