using Remedora.Storage;

namespace Remedora.Benchmarks.Storage;

/// <summary>An account with two values unique within the tenant (email and handle), for <see cref="UniqueInsertBenchmarks"/>.</summary>
public sealed record BenchAccount
{
    public required string Key { get; init; }

    public required TenantId TenantId { get; init; }

    public long Version { get; init; }

    public required string Email { get; init; }

    public required string Handle { get; init; }

    public string DisplayName { get; init; } = "Benchmark Account";
}

/// <summary>A booking found by practitioner and start time, for <see cref="CompositeQueryBenchmarks"/>.</summary>
public sealed record BenchBooking
{
    public required string Key { get; init; }

    public required TenantId TenantId { get; init; }

    public long Version { get; init; }

    public required string PractitionerId { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public string Note { get; init; } = "booked";
}

/// <summary>The collections of the declared-index benchmarks.</summary>
internal static class DeclaredIndexBenchmarkData
{
    public static DocumentIndex<BenchAccount, string> Email { get; } = new("email", a => a.Email, IndexOptions.Unique);

    public static DocumentIndex<BenchAccount, string> Handle { get; } = new("handle", a => a.Handle, IndexOptions.Unique);

    public static CompositeIndex<BenchBooking, string, DateTimeOffset> PractitionerStart { get; } = new("practitioner-start", b => b.PractitionerId, b => b.StartsAt);

    public static DocumentCollection<BenchAccount> Accounts { get; } = new DocumentCollectionBuilder<BenchAccount>("bench.accounts", "BenchAccount")
        .Key(a => a.Key)
        .Tenant(a => a.TenantId)
        .Version(a => a.Version, (a, v) => a with { Version = v })
        .Index(Email)
        .Index(Handle)
        .Build();

    public static DocumentCollection<BenchBooking> Bookings { get; } = new DocumentCollectionBuilder<BenchBooking>("bench.bookings", "BenchBooking")
        .Key(b => b.Key)
        .Tenant(b => b.TenantId)
        .Version(b => b.Version, (b, v) => b with { Version = v })
        .Index(PractitionerStart)
        .Build();

    public static StorageModel Model { get; } = new([Accounts, Bookings]);
}
