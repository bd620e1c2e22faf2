namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>The time one document holds under one time-range constraint of its collection: one row of <c>time_ranges</c>.</summary>
internal sealed class TimeRangeRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Collection { get; set; } = string.Empty;

    public string Constraint { get; set; } = string.Empty;

    public string DocumentKey { get; set; } = string.Empty;

    public string Group { get; set; } = string.Empty;

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }
}

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
