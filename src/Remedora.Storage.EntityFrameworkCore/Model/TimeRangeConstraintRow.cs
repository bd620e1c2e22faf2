namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>
/// A time-range constraint whose rows <c>time_ranges</c> holds for every stored document: one row of
/// <c>time_range_constraints</c>, written when the constraint's rows were first filled from the stored documents.
/// </summary>
internal sealed class TimeRangeConstraintRow
{
    public string Collection { get; set; } = string.Empty;

    public string Constraint { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
