namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>A document type of the tests' own, with one index of every kind.</summary>
public sealed record Note(string Key, TenantId TenantId, string? Category = null, long? Rank = null, DateTimeOffset? At = null, string? Secret = null, long Version = 0)
{
    public string Text { get; init; } = "text";
}

public sealed class NoteCollections : IStorageModelContributor
{
    public static DocumentCollection<Note> Notes { get; } = new DocumentCollectionBuilder<Note>("tests.notes", "Note")
        .Key(n => n.Key)
        .Tenant(n => n.TenantId)
        .Version(n => n.Version, (n, v) => n with { Version = v })
        .Index("category", n => n.Category)
        .Index("secret", n => n.Secret, IndexOptions.Protected)
        .Index("rank", n => n.Rank)
        .Index("at", n => n.At)
        .Build();

    public void Contribute(StorageModelBuilder model) => model.Add(Notes);
}

/// <summary>Throws after one commit step, to prove that nothing of the unit of work is written.</summary>
public sealed class FailingInterceptor(CommitStep failAfter) : ICommitInterceptor
{
    public bool Armed { get; set; } = true;

    public ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
        => Armed && step == failAfter ? throw new InvalidOperationException($"Injected failure after {step}.") : ValueTask.CompletedTask;
}

internal static class Tenants
{
    public static TenantId New() => TenantId.Parse("t" + Guid.NewGuid().ToString("N")[..12]);
}
