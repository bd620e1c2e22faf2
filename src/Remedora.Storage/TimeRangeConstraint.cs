using System.Globalization;

namespace Remedora.Storage;

/// <summary>
/// A constraint that documents of one group (for example one practitioner's bookings) do not overlap in time, or that
/// at most <see cref="Capacity"/> of them cover any instant. Declared with
/// <see cref="DocumentCollectionBuilder{T}.TimeRange(string, Func{T, object?}, Func{T, DateTimeOffset}, Func{T, DateTimeOffset}, int, Func{T, bool}?)"/>
/// and guaranteed by the provider at commit, whatever the interleaving of concurrent sessions: a commit that would
/// break it throws <see cref="TimeRangeConflictException"/> and writes nothing.
/// </summary>
/// <remarks>
/// Ranges are half-open, [start, end): a range that ends where another starts does not overlap it. A document takes
/// part only when the constraint's predicate holds, its group is not <see langword="null"/> or empty and its range is
/// not empty, so a cancelled booking (or a deleted one) holds no time. Constraints are per tenant.
/// </remarks>
public sealed class TimeRangeConstraint
{
    private readonly Func<object, object?> _group;
    private readonly Func<object, DateTimeOffset> _start;
    private readonly Func<object, DateTimeOffset> _end;
    private readonly Func<object, bool>? _when;
    private readonly string _collection;

    internal TimeRangeConstraint(string collection, string name, int capacity, Func<object, object?> group, Func<object, DateTimeOffset> start, Func<object, DateTimeOffset> end, Func<object, bool>? when)
    {
        _collection = collection;
        Name = name;
        Capacity = capacity;
        _group = group;
        _start = start;
        _end = end;
        _when = when;
    }

    /// <summary>The longest text a group value may have, in characters.</summary>
    public const int MaxGroupLength = DocumentIndex.MaxKeyLength;

    /// <summary>Gets the constraint's name, unique within its collection, for example <c>practitioner-time</c>.</summary>
    public string Name { get; }

    /// <summary>Gets how many documents of one group may cover any instant.</summary>
    /// <value>1 (no overlap at all) or more, for a slot that takes several bookings.</value>
    public int Capacity { get; }

    /// <summary>Gets the time a document holds under this constraint.</summary>
    /// <param name="document">The document.</param>
    /// <returns>
    /// The group and the normalised range; <see langword="null"/> when the document does not take part (its predicate
    /// is false, its group is <see langword="null"/> or empty, or its range is empty).
    /// </returns>
    /// <exception cref="ArgumentException">The document ends before it starts, or its group text is longer than <see cref="MaxGroupLength"/>.</exception>
    public TimeRangeOccupancy? GetOccupancy(object document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (_when is not null && !_when(document))
        {
            return null;
        }

        var group = NormalizeGroup(_group(document));
        if (group is null)
        {
            return null;
        }

        var start = StorageTime.Normalize(_start(document));
        var end = StorageTime.Normalize(_end(document));
        if (end < start)
        {
            throw new ArgumentException($"A document of collection '{_collection}' ends before it starts, so constraint '{Name}' cannot place it. Give it an end at or after its start.", nameof(document));
        }

        return end == start ? null : new TimeRangeOccupancy(group, start, end);
    }

    /// <summary>
    /// Determines whether a range fits beside the ranges other documents of its group hold: at no instant of
    /// <paramref name="candidate"/> do <see cref="Capacity"/> or more of <paramref name="others"/> cover it.
    /// </summary>
    /// <param name="candidate">The range of the document being written.</param>
    /// <param name="others">The ranges other documents of the same group hold (the candidate's own document excluded); ranges that do not overlap the candidate are ignored.</param>
    /// <returns><see langword="true"/> when the candidate fits.</returns>
    public bool Fits(TimeRangeOccupancy candidate, IEnumerable<TimeRangeOccupancy> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var events = new List<(DateTimeOffset At, int Change)>();
        foreach (var other in others)
        {
            if (!candidate.Overlaps(other))
            {
                continue;
            }

            if (Capacity == 1)
            {
                return false;
            }

            events.Add((other.Start > candidate.Start ? other.Start : candidate.Start, 1));
            events.Add((other.End < candidate.End ? other.End : candidate.End, -1));
        }

        // Half-open ranges: at one instant, ranges that end there are let go before ranges that start there are counted.
        events.Sort((a, b) => a.At != b.At ? a.At.CompareTo(b.At) : a.Change.CompareTo(b.Change));
        var depth = 0;
        foreach (var (_, change) in events)
        {
            depth += change;
            if (depth >= Capacity)
            {
                return false;
            }
        }

        return true;
    }

    private string? NormalizeGroup(object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            Enum e => e.ToString(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > MaxGroupLength)
        {
            throw new ArgumentException($"The group of constraint '{Name}' of collection '{_collection}' is text of at most {MaxGroupLength} characters; use an id.", nameof(value));
        }

        return text;
    }
}
