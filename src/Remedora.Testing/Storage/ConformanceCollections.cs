using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>Contributes the collection of <see cref="ConformanceDocument"/>s (<c>conformance.documents</c>).</summary>
public sealed class ConformanceCollections : IStorageModelContributor
{
    /// <summary>Gets the unique index <c>code</c>.</summary>
    public static DocumentIndex<ConformanceDocument, string?> Code { get; } = new("code", d => d.Code, IndexOptions.Unique);

    /// <summary>Gets the composite index <c>category-rank</c> (category, then rank).</summary>
    public static CompositeIndex<ConformanceDocument, string?, long?> CategoryRank { get; } = new("category-rank", d => d.Category, d => d.Rank);

    /// <summary>Gets the unique composite index <c>category-slot</c> (category, then slot).</summary>
    public static CompositeIndex<ConformanceDocument, string?, string?> CategorySlot { get; } = new("category-slot", d => d.Category, d => d.Slot, IndexOptions.Unique);

    /// <summary>Gets the collection.</summary>
    public static DocumentCollection<ConformanceDocument> Documents { get; } =
        new DocumentCollectionBuilder<ConformanceDocument>("conformance.documents", "ConformanceDocument")
            .Key(d => d.Key)
            .Tenant(d => d.TenantId)
            .Version(d => d.Version, (d, v) => d with { Version = v })
            .Patient(d => d.PatientId)
            .Index("patient", d => d.PatientId)
            .Index("category", d => d.Category)
            .Index("secret", d => d.Secret, IndexOptions.Protected)
            .Index("state", d => d.State)
            .Index("rank", d => d.Rank)
            .Index("score", d => d.Score)
            .Index("at", d => d.At)
            .Index("until", d => d.Until)
            .Index(Code)
            .Index(CategoryRank)
            .Index(CategorySlot)
            .Build();

    /// <inheritdoc/>
    public void Contribute(StorageModelBuilder model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Add(Documents);
    }
}
