namespace Remedora.Testing.Storage;

/// <summary>
/// A document the conformance suite stores in a collection of its own, contributed like any package's: it has indexes
/// of every kind, a protected index, a unique index, composite indexes and nullable values, so providers prove they
/// store contributed collections faithfully.
/// </summary>
public sealed record ConformanceDocument
{
    /// <summary>Gets the key.</summary>
    public required string Key { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the stored version.</summary>
    public long Version { get; init; }

    /// <summary>Gets the patient the document is about (index <c>patient</c>).</summary>
    public Id<Patient>? PatientId { get; init; }

    /// <summary>Gets the category (index <c>category</c>).</summary>
    public string? Category { get; init; }

    /// <summary>Gets a protected value (index <c>secret</c>, protected).</summary>
    public string? Secret { get; init; }

    /// <summary>Gets the state (index <c>state</c>, an enum stored as text).</summary>
    public ConformanceState? State { get; init; }

    /// <summary>Gets the rank (index <c>rank</c>).</summary>
    public long? Rank { get; init; }

    /// <summary>Gets the score (index <c>score</c>, an <see cref="int"/>).</summary>
    public int? Score { get; init; }

    /// <summary>Gets a time (index <c>at</c>).</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>Gets another time (index <c>until</c>).</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Gets a code unique within the tenant (index <see cref="ConformanceCollections.Code"/>).</summary>
    public string? Code { get; init; }

    /// <summary>Gets a slot label (second field of the unique composite index <see cref="ConformanceCollections.CategorySlot"/>).</summary>
    public string? Slot { get; init; }

    /// <summary>Gets content that is not indexed.</summary>
    public string? Body { get; init; }
}
