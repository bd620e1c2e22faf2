namespace Remedora.Audit;

/// <summary>The time range and page of a patient's audit report.</summary>
public sealed record PatientAuditQuery
{
    /// <summary>Gets the earliest time (inclusive).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest time (exclusive).</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the page size.</summary>
    /// <value>The default is 100; at most 1000.</value>
    public int Limit { get; init; } = 100;

    /// <summary>Gets the previous page's continuation token.</summary>
    public string? ContinuationToken { get; init; }
}
