using System.Collections.Immutable;

namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    /// <summary>
    /// The time every document holds under the time-range constraints of its collection, by group. Only commits change
    /// it, one at a time under the commit gate, so it always matches the published documents.
    /// </summary>
    private TimeRangeIndex _timeRanges = TimeRangeIndex.Empty;

    /// <summary>
    /// Checks the batch's documents against their collections' time-range constraints and, when every one fits, keeps
    /// the time they hold. Called under the write lock right before the commit's state is published (so a failure
    /// anywhere earlier keeps nothing); throws <see cref="TimeRangeConflictException"/> when a document does not fit.
    /// </summary>
    private void ApplyTimeRanges(CommitBatch batch)
    {
        // The last write of a document decides what it holds after the commit.
        var finals = new Dictionary<(string Collection, string Key), StagedWrite>();
        foreach (var write in batch.Writes)
        {
            if (write.Collection.TimeRanges.Count > 0)
            {
                finals[(write.Collection.Name, write.Document.Key)] = write;
            }
        }

        if (finals.Count == 0)
        {
            return;
        }

        var groups = _timeRanges.Groups.ToBuilder();
        var groupOf = _timeRanges.GroupOf.ToBuilder();

        // First every written document lets go of what it held, then each takes what it holds now, then each is checked
        // against all the others, so the order of writes within the batch does not matter.
        foreach (var write in finals.Values)
        {
            foreach (var constraint in write.Collection.TimeRanges)
            {
                var documentKey = new TimeRangeDocumentKey(batch.TenantId, write.Collection.Name, constraint.Name, write.Document.Key);
                if (groupOf.TryGetValue(documentKey, out var group))
                {
                    var groupKey = new TimeRangeGroupKey(batch.TenantId, write.Collection.Name, constraint.Name, group);
                    var remaining = groups[groupKey].Remove(write.Document.Key);
                    if (remaining.IsEmpty)
                    {
                        groups.Remove(groupKey);
                    }
                    else
                    {
                        groups[groupKey] = remaining;
                    }

                    groupOf.Remove(documentKey);
                }
            }
        }

        var added = new List<(StagedWrite Write, TimeRangeConstraint Constraint, TimeRangeGroupKey GroupKey, TimeRangeOccupancy Occupancy)>();
        foreach (var write in finals.Values)
        {
            if (write.Kind == WriteKind.Delete)
            {
                continue;
            }

            var document = Codec.Decode(write.Collection, write.Document.Data);
            foreach (var constraint in write.Collection.TimeRanges)
            {
                if (constraint.GetOccupancy(document) is not { } occupancy)
                {
                    continue;
                }

                var groupKey = new TimeRangeGroupKey(batch.TenantId, write.Collection.Name, constraint.Name, occupancy.Group);
                var members = groups.TryGetValue(groupKey, out var existing) ? existing : ImmutableDictionary.Create<string, TimeRangeOccupancy>(StringComparer.Ordinal);
                groups[groupKey] = members.SetItem(write.Document.Key, occupancy);
                groupOf[new TimeRangeDocumentKey(batch.TenantId, write.Collection.Name, constraint.Name, write.Document.Key)] = occupancy.Group;
                added.Add((write, constraint, groupKey, occupancy));
            }
        }

        foreach (var (write, constraint, groupKey, occupancy) in added)
        {
            var others = groups[groupKey].Where(m => !string.Equals(m.Key, write.Document.Key, StringComparison.Ordinal)).Select(m => m.Value);
            if (!constraint.Fits(occupancy, others))
            {
                throw new TimeRangeConflictException(write.Collection.ResourceType, write.Collection.Name, constraint.Name, constraint.Capacity);
            }
        }

        _timeRanges = new TimeRangeIndex(groups.ToImmutable(), groupOf.ToImmutable());
    }
}
