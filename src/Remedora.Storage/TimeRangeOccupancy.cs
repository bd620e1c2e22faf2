namespace Remedora.Storage;

/// <summary>
/// The time one document holds under a <see cref="TimeRangeConstraint"/>: the half-open range
/// [<see cref="Start"/>, <see cref="End"/>) within its <see cref="Group"/>. Touching ranges (one ends where the other
/// starts) do not overlap.
/// </summary>
/// <param name="Group">The group the time belongs to, for example a practitioner's id; stored as text, so it must be a PHI-free id.</param>
/// <param name="Start">The first instant held, normalised by <see cref="StorageTime.Normalize(DateTimeOffset)"/>.</param>
/// <param name="End">The first instant no longer held, normalised like <see cref="Start"/> and later than it.</param>
public readonly record struct TimeRangeOccupancy(string Group, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>Determines whether this range and another share at least one instant (group aside).</summary>
    /// <param name="other">The other range.</param>
    /// <returns><see langword="true"/> when each starts before the other ends.</returns>
    public bool Overlaps(TimeRangeOccupancy other) => Start < other.End && other.Start < End;
}
