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
