
namespace Remedora.Storage.EntityFrameworkCore.Tests;

public sealed class SqliteTimeRangeFillTests(SqliteFixture fixture) : TimeRangeFillTests<SqliteFixture>(fixture);

public sealed class PostgreSqlTimeRangeFillTests(PostgreSqlFixture fixture) : TimeRangeFillTests<PostgreSqlFixture>(fixture);

/// <summary>A slot the fill tests store, first without and then with a time-range constraint.</summary>
public sealed record Slot(string Key, TenantId TenantId, string? Practitioner, DateTimeOffset Start, DateTimeOffset End, bool Cancelled = false, long Version = 0);

/// <summary>
/// A time-range constraint declared on a collection that already holds documents needs no migration of the user: the
/// first commit to the collection fills the constraint's rows from every tenant's stored documents, and rows of a
/// constraint the model no longer declares are dropped, so declaring it again later starts from the documents as they are.
/// </summary>
public abstract class TimeRangeFillTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : StorageFixture
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly DocumentCollection<Slot> Unconstrained = Builder().Build();

    private static readonly DocumentCollection<Slot> Constrained = Builder()
        .TimeRange("practitioner-time", s => s.Practitioner, s => s.Start, s => s.End, when: s => !s.Cancelled)
        .Build();

    protected TFixture Fixture { get; } = fixture;

    [SkippableFact]
    public async Task Commit_ConstraintNewlyDeclaredOverStoredDocuments_ChecksAgainstEveryStoredDocument()
    {
        Fixture.Require();
        var (tenantA, tenantB) = (Tenants.New(), Tenants.New());
        using (var before = Create(Unconstrained))
        {
            // More documents than one page of the fill, in two tenants, and overlaps the constraint would have refused.
            await using var session = before.Sessions.OpenSession(tenantA);
            for (var i = 0; i < 1200; i++)
            {
                session.Insert(new Slot($"s-{i:D4}", tenantA, $"dr-{i:D4}", At(0), At(60)));
            }

            session.Insert(new Slot("s-overlap", tenantA, "dr-0000", At(30), At(90)));
            session.Insert(new Slot("s-cancelled", tenantA, "dr-free", At(0), At(60), Cancelled: true));
            await session.CommitAsync();
            await using var other = before.Sessions.OpenSession(tenantB);
            other.Insert(new Slot("s-b", tenantB, "dr-0000", At(0), At(60)));
            await other.CommitAsync();
        }

        using var after = Create(Constrained);

        Assert.NotNull(await TryInsertAsync(after, new Slot("n-1", tenantA, "dr-1199", At(59), At(61))));
        Assert.NotNull(await TryInsertAsync(after, new Slot("n-2", tenantA, "dr-0000", At(0), At(10))));
        Assert.NotNull(await TryInsertAsync(after, new Slot("n-3", tenantB, "dr-0000", At(0), At(10))));
        Assert.Null(await TryInsertAsync(after, new Slot("n-4", tenantA, "dr-free", At(0), At(60))));
        Assert.Null(await TryInsertAsync(after, new Slot("n-5", tenantA, "dr-1199", At(60), At(90))));
        Assert.Null(await TryInsertAsync(after, new Slot("n-6", tenantB, "dr-0000", At(60), At(120))));
    }

    [SkippableFact]
    public async Task Commit_FirstCommitAfterDeclaringIsRefused_NextCommitStillFillsTheConstraint()
    {
        Fixture.Require();
        var tenant = Tenants.New();
        using (var before = Create(Unconstrained))
        {
            await using var session = before.Sessions.OpenSession(tenant);
            session.Insert(new Slot("s-1", tenant, "dr-1", At(0), At(60)));
            await session.CommitAsync();
        }

        using var after = Create(Constrained);
        await using (var first = after.Sessions.OpenSession(tenant))
        {
            // The fill runs in this commit's transaction and is rolled back with it.
            first.Insert(new Slot("n-1", tenant, "dr-2", At(0), At(60)));
            first.Insert(new Slot("n-2", tenant, "dr-2", At(30), At(90)));
            await Assert.ThrowsAsync<TimeRangeConflictException>(() => first.CommitAsync());
        }

        Assert.NotNull(await TryInsertAsync(after, new Slot("n-3", tenant, "dr-1", At(0), At(10))));
        Assert.Null(await TryInsertAsync(after, new Slot("n-4", tenant, "dr-2", At(0), At(60))));
    }

    [SkippableFact]
    public async Task Commit_ConstraintNoLongerDeclared_DropsItsRowsSoDeclaringItAgainStartsFromTheDocuments()
    {
        Fixture.Require();
        var tenant = Tenants.New();
        Slot stored;
        using (var constrained = Create(Constrained))
        {
            await using var session = constrained.Sessions.OpenSession(tenant);
            stored = session.Insert(new Slot("s-1", tenant, "dr-1", At(0), At(60)));
            await session.CommitAsync();
        }

        using (var unconstrained = Create(Unconstrained))
        {
            // Written while the constraint is not declared: the old row of s-1 would no longer match it.
            await using var session = unconstrained.Sessions.OpenSession(tenant);
            session.Update(stored with { Start = At(120), End = At(180) });
            await session.CommitAsync();
        }

        using var again = Create(Constrained);

        Assert.Null(await TryInsertAsync(again, new Slot("s-2", tenant, "dr-1", At(0), At(60))));
        Assert.NotNull(await TryInsertAsync(again, new Slot("s-3", tenant, "dr-1", At(150), At(160))));
    }

    private static DocumentCollectionBuilder<Slot> Builder() => new DocumentCollectionBuilder<Slot>("tests.slots", "Slot")
        .Key(s => s.Key)
        .Tenant(s => s.TenantId)
        .Version(s => s.Version, (s, v) => s with { Version = v });

    private static DateTimeOffset At(int minutes) => Start.AddMinutes(minutes);

    private static async Task<TimeRangeConflictException?> TryInsertAsync(EntityFrameworkCoreStorage storage, Slot slot)
    {
        await using var session = storage.Sessions.OpenSession(slot.TenantId);
        session.Insert(slot);
        try
        {
            await session.CommitAsync();
            return null;
        }
        catch (TimeRangeConflictException conflict)
        {
            return conflict;
        }
    }

    private EntityFrameworkCoreStorage Create(DocumentCollection<Slot> slots)
        => new(Fixture.Options, new StorageModel([slots]), new JsonDocumentCodec(), TestDatabases.NewClock());
}
