using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Remedora.Storage.EntityFrameworkCore.Model;
using Remedora.Storage.Protection;

namespace Remedora.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// Data written by the slot-column schema (before declared indexes) still reads and answers queries on the declared
/// indexes after the upgrade: the committed SQLite fixture (tests/data/storage/legacy-v1.db) on SQLite, and the same
/// rows in a PostgreSQL schema that has only the first migration.
/// </summary>
public sealed class LegacyDataUpgradeTests
{
    private const string SqliteInitial = "20261128190322_InitialSchema";
    private const string PostgreSqlInitial = "20261128190434_InitialSchema";
    private static readonly TenantId TenantA = TenantId.Parse("legacy-a");
    private static readonly TenantId TenantB = TenantId.Parse("legacy-b");

    private static string FixturePath => Path.Combine(AppContext.BaseDirectory, "storage", "legacy-v1.db");

    [Fact]
    public async Task MigrateAsync_SqliteFileOfTheSlotSchema_ReadsAndQueriesTheDeclaredIndexes()
    {
        var path = CopyFixture();
        try
        {
            var options = new EntityFrameworkCoreStorageOptions().UseSqliteFile(path);
            using (var storage = Create(options, StorageFixture.Model))
            {
                Assert.Equal(["20261204212811_OutboxPerHandlerAndMessageKeys", "20261204213246_DeclaredIndexes", "20261204213429_TimeRangeConstraints", "20261204213731_AuditLogBacklogAndMerkleTree"], await storage.GetPendingMigrationsAsync());
                await storage.MigrateAsync();
                await AssertLegacyDataAnswersAsync(storage);
            }

            await AssertNewIndexIsBuiltFromStoredDocumentsAsync(options);
        }
        finally
        {
            TestDatabases.DeleteSqlite(path);
        }
    }

    [SkippableFact]
    public async Task MigrateAsync_PostgreSqlSchemaOfTheSlotSchema_ReadsAndQueriesTheDeclaredIndexes()
    {
        var connectionString = TestDatabases.RequirePostgres();
        var schema = TestDatabases.NewSchemaName();
        try
        {
            var options = new EntityFrameworkCoreStorageOptions().UseNpgsql(connectionString, schema);
            await ApplyInitialSchemaOnlyAsync(options, schema);
            await CopyFixtureRowsAsync(PostgreSqlStorageDatabase.BuildConnectionString(options));
            using (var storage = Create(options, StorageFixture.Model))
            {
                Assert.Equal(["20261204212915_OutboxPerHandlerAndMessageKeys", "20261204213356_DeclaredIndexes", "20261204213522_TimeRangeConstraints", "20261204213827_AuditLogBacklogAndMerkleTree"], await storage.GetPendingMigrationsAsync());
                await storage.MigrateAsync();
                await AssertLegacyDataAnswersAsync(storage);
            }

            await AssertNewIndexIsBuiltFromStoredDocumentsAsync(options);
        }
        finally
        {
            TestDatabases.DropSchema(connectionString, schema);
        }
    }

    [Fact]
    public async Task MigrateAsync_NewUniqueIndexThatStoredDocumentsBreak_FailsNamingItAndBuildsNothing()
    {
        var path = CopyFixture();
        try
        {
            var options = new EntityFrameworkCoreStorageOptions().UseSqliteFile(path);
            var unique = new DocumentCollectionBuilder<Note>("tests.notes", "Note")
                .Key(n => n.Key)
                .Tenant(n => n.TenantId)
                .Version(n => n.Version, (n, v) => n with { Version = v })
                .Index("category", n => n.Category, IndexOptions.Unique)
                .Build();
            using var storage = Create(options, new StorageModel([unique]));

            var error = await Assert.ThrowsAsync<UniqueConstraintViolationException>(() => storage.MigrateAsync());

            Assert.Equal(("tests.notes", "category"), (error.Collection, error.Constraint));
            Assert.DoesNotContain("even", error.Message, StringComparison.Ordinal);
            await using var session = storage.Sessions.OpenSession(TenantA);
            Assert.Equal(0, await session.CountAsync(DocumentQuery<Note>.All.Where("category", "even")));
        }
        finally
        {
            TestDatabases.DeleteSqlite(path);
        }
    }

    private static EntityFrameworkCoreStorage Create(EntityFrameworkCoreStorageOptions options, StorageModel model)
        => new(options, model, new ProtectedDocumentCodec(FixtureKeys()), TestDatabases.NewClock());

    /// <summary>The fixed keys the fixture was written with (never used outside tests).</summary>
    private static PhiKeyRing FixtureKeys()
        => new([new PhiKey("fixture-1", Enumerable.Range(1, 32).Select(i => (byte)i).ToArray())], "fixture-1", Enumerable.Range(33, 32).Select(i => (byte)i).ToArray());

    private static string CopyFixture()
    {
        var path = TestDatabases.NewSqlitePath();
        File.Copy(FixturePath, path);
        return path;
    }

    private static async Task AssertLegacyDataAnswersAsync(EntityFrameworkCoreStorage storage)
    {
        await using var session = storage.Sessions.OpenSession(TenantA);
        async Task<string[]> Keys(DocumentQuery<Note> query) => (await session.QueryAsync(query)).Items.Select(n => n.Key).ToArray();

        var note = await session.FindAsync<Note>("note-3");
        Assert.Equal(("odd", 30L, 1L), (note!.Category, note.Rank, note.Version));
        Assert.Equal(["note-2", "note-4", "note-6"], await Keys(DocumentQuery<Note>.All.Where("category", "even").OrderBy("rank")));
        Assert.Equal(["note-5", "note-3", "note-1"], await Keys(DocumentQuery<Note>.All.Where("category", "odd").OrderBy("rank", descending: true)));
        Assert.Equal(["note-2", "note-3", "note-4"], await Keys(DocumentQuery<Note>.All.WhereBetween("rank", 20L, 50L)));
        var at = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(["note-5", "note-6"], await Keys(DocumentQuery<Note>.All.WhereBetween("at", at.AddHours(5), null)));
        Assert.Equal(["note-1"], await Keys(DocumentQuery<Note>.All.Where("secret", "secret-1")));
        Assert.Equal(4, await session.CountAsync(DocumentQuery<Note>.All.Where("secret", null)));
        Assert.Equal(6, await session.CountAsync(DocumentQuery<Note>.All));
        var patients = await session.QueryAsync(DocumentQuery<Patient>.All.Where("email", CoreCollections.NormalizeEmail("Ada.Fixture@Example.org")));
        Assert.Equal("Ada", Assert.Single(patients.Items).GivenName);

        // The documents change like any other: the update rewrites the entries.
        session.Update(note with { Category = "even" });
        await session.CommitAsync();
        Assert.Equal(["note-2", "note-3", "note-4", "note-6"], await Keys(DocumentQuery<Note>.All.Where("category", "even").OrderBy("rank")));

        await using var other = storage.Sessions.OpenSession(TenantB);
        Assert.Equal(3, await other.CountAsync(DocumentQuery<Note>.All.Where("category", "even")));
    }

    /// <summary>A model that declares a new composite index: the next MigrateAsync builds its entries from the stored documents, with no migration.</summary>
    private static async Task AssertNewIndexIsBuiltFromStoredDocumentsAsync(EntityFrameworkCoreStorageOptions options)
    {
        var categoryRank = new CompositeIndex<Note, string?, long?>("category-rank", n => n.Category, n => n.Rank);
        var notes = new DocumentCollectionBuilder<Note>("tests.notes", "Note")
            .Key(n => n.Key)
            .Tenant(n => n.TenantId)
            .Version(n => n.Version, (n, v) => n with { Version = v })
            .Index("category", n => n.Category)
            .Index(categoryRank)
            .Build();
        using var storage = Create(options, new StorageModel([notes]));
        await storage.MigrateAsync();

        await using var session = storage.Sessions.OpenSession(TenantA);
        var page = await session.QueryAsync(DocumentQuery<Note>.All.WhereBetween(categoryRank, "even", 25L, null).OrderBy(categoryRank));
        Assert.Equal(["note-3", "note-4", "note-6"], page.Items.Select(n => n.Key));
        Assert.Equal(2, await session.CountAsync(DocumentQuery<Note>.All.Where("category", "odd")));
        await using var counts = storage.Sessions.OpenSession(TenantB);
        Assert.Equal(3, await counts.CountAsync(DocumentQuery<Note>.All.Where(categoryRank, "odd")));
    }

    private static async Task ApplyInitialSchemaOnlyAsync(EntityFrameworkCoreStorageOptions options, string schema)
    {
        var connectionString = PostgreSqlStorageDatabase.BuildConnectionString(options);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE SCHEMA \"{schema}\"";
            await create.ExecuteNonQueryAsync();
        }

        var contextOptions = new DbContextOptionsBuilder<PostgreSqlStorageContext>()
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable, schema))
            .Options;
        await using var context = new PostgreSqlStorageContext(contextOptions);
        await context.GetService<IMigrator>().MigrateAsync(PostgreSqlInitial);
        Assert.Equal([PostgreSqlInitial], await context.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>Copies the fixture's document rows, slot columns included, into a PostgreSQL schema of the first migration.</summary>
    private static async Task CopyFixtureRowsAsync(string connectionString)
    {
        var rows = new List<object?[]>();
        await using (var sqlite = new SqliteConnection($"Data Source={FixturePath};Mode=ReadOnly;Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var applied = sqlite.CreateCommand();
            applied.CommandText = "SELECT \"MigrationId\" FROM __remedora_migrations";
            Assert.Equal(SqliteInitial, (string?)await applied.ExecuteScalarAsync());
            await using var select = sqlite.CreateCommand();
            select.CommandText = "SELECT tenant_id, collection, document_key, version, data, key1, key2, key3, key4, number1, number2, time1, time2, created_at, updated_at FROM documents";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var row = new object?[15];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                for (var i = 11; i < 15; i++)
                {
                    row[i] = row[i] is long micros ? SqlValues.FromUnixMicroseconds(micros) : null;
                }

                rows.Add(row);
            }
        }

        Assert.Equal(14, rows.Count);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var row in rows)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO documents (tenant_id, collection, document_key, version, data, key1, key2, key3, key4, number1, number2, time1, time2, created_at, updated_at) "
                + "VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14)";
            for (var i = 0; i < row.Length; i++)
            {
                insert.Parameters.Add(new NpgsqlParameter("p" + i, row[i] ?? DBNull.Value) { NpgsqlDbType = i switch
                {
                    3 or 9 or 10 => NpgsqlTypes.NpgsqlDbType.Bigint,
                    >= 11 => NpgsqlTypes.NpgsqlDbType.TimestampTz,
                    _ => NpgsqlTypes.NpgsqlDbType.Text,
                } });
            }

            await insert.ExecuteNonQueryAsync();
        }
    }
}
