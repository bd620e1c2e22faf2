using System.Text.RegularExpressions;

namespace Remedora.Storage;

/// <content>Declares time-range constraints.</content>
public sealed partial class DocumentCollectionBuilder<T>
{
    private readonly List<TimeRangeConstraint> _timeRanges = [];

    /// <summary>
    /// Declares that documents of one group do not overlap in time: at most <paramref name="capacity"/> documents of a
    /// group cover any instant of the half-open range [start, end). The provider guarantees it at commit, whatever the
    /// interleaving of concurrent sessions, and refuses a commit that would break it with
    /// <see cref="TimeRangeConflictException"/> (nothing of the unit of work is written). Updates that move a range are
    /// checked again; deletes, and documents for which <paramref name="when"/> becomes false, free their time.
    /// </summary>
    /// <param name="name">The constraint's name, named in conflicts: 1 to 63 characters a-z, 0-9, '_', '.' or '-', starting with a letter, unique within the collection. Give a constraint a new name when you change what it covers, so providers rebuild what they keep for it.</param>
    /// <param name="group">Gets a document's group, for example its practitioner's id: text-like (a string, an id, an enum or a number), at most 200 characters and never PHI (it is stored as it is); documents without a group (<see langword="null"/> or empty) take no time.</param>
    /// <param name="start">Gets the first instant a document holds.</param>
    /// <param name="end">Gets the first instant it no longer holds (a document that ends where another starts does not overlap it); a document whose end equals its start holds no time, one whose end is before its start is refused at commit with <see cref="ArgumentException"/>.</param>
    /// <param name="capacity">How many documents of one group may cover an instant; 1 (the default) for no overlap at all.</param>
    /// <param name="when">Says which documents hold time, for example <c>b => b.Status != BookingStatus.Cancelled</c>; <see langword="null"/> (the default) for every document.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already used by another time-range constraint of the collection, or the capacity is less than 1.</exception>
    /// <example>
    /// <code>
    /// new DocumentCollectionBuilder&lt;Booking&gt;("scheduling.bookings", "Appointment")
    ///     .Key(b => b.Id)
    ///     .Tenant(b => b.TenantId)
    ///     .Version(b => b.Version, (b, v) => b with { Version = v })
    ///     .TimeRange("practitioner-time", b => b.PractitionerId, b => b.Start, b => b.End, when: b => b.Status != BookingStatus.Cancelled)
    ///     .Build();
    /// </code>
    /// </example>
    public DocumentCollectionBuilder<T> TimeRange(string name, Func<T, object?> group, Func<T, DateTimeOffset> start, Func<T, DateTimeOffset> end, int capacity = 1, Func<T, bool>? when = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (!TimeRangeNamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Time-range constraint name '{name}' is invalid: use 1 to 63 characters a-z, 0-9, '_', '.' or '-', starting with a letter.", nameof(name));
        }

        if (_timeRanges.Any(r => r.Name == name))
        {
            throw new ArgumentException($"Collection '{_name}' already has a time-range constraint named '{name}'.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeRanges.Add(new TimeRangeConstraint(
            _name,
            name,
            capacity,
            d => group((T)d),
            d => start((T)d),
            d => end((T)d),
            when is null ? null : d => when((T)d)));
        return this;
    }

    [GeneratedRegex("^[a-z][a-z0-9_.-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeRangeNamePattern();
}
