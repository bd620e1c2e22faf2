using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>
/// Sets every column of one random record of a real database's audit chain, one at a time, to every kind of invalid
/// value there is for a column (the columns and their types are read from the database itself, so a new column is
/// covered without editing the test), then verifies the chain and runs every audit report. A value the database refuses
/// (a type or length it enforces) is skipped; a value that leaves the row as it was is skipped; every other one must be
/// a break at the record's index, and nothing may throw.
/// </summary>
internal abstract class UnreadableRowMatrix
{
    protected const int Records = 12;
    protected static readonly TenantId Tenant = AuditFixtures.Tenant;

    /// <summary>A kind of invalid value, as a SQL literal per database (null when that database has no such literal).</summary>
    protected sealed record BadValue(string Kind, string? Sqlite, string? PostgreSql);

    /// <summary>Every kind of invalid value, for every column type: the database refuses those its column type cannot hold.</summary>
    protected static readonly BadValue[] BadValues =
    [
        new("null", "NULL", "NULL"),
        new("empty text", "''", "''"),
        new("blank text", "' '", "' '"),
        new("unknown name", "'NotAValue'", "'NotAValue'"),
        new("enum number", "'3'", "'3'"),
        new("enum list", "'Read, Update'", "'Read, Update'"),
        new("lower-case name", "'success'", "'success'"),
        new("capital tenant id", "'ACME-DERM'", "'ACME-DERM'"),
        new("non-guid", "'not-a-guid'", "'not-a-guid'"),
        new("capital guid", "'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA'", "'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA'"),
        new("broken json", "'{\"a\": [1,'", "'{\"a\": [1,'"),
        new("text date", "'2026-02-30T25:61:00Z'", "'2026-02-30T25:61:00Z'"),
        new("long text", "'" + new string('x', 300) + "'", "'" + new string('x', 300) + "'"),
        new("bad purpose", "'not a code!'", "'not a code!'"),
        new("zero", "0", "0"),
        new("negative", "-1", "-1"),
        new("max integer", "9223372036854775807", "9223372036854775807"),
        new("min integer", "-9223372036854775808", "-9223372036854775808"),
        new("fraction", "1.5", "1.5"),
        new("empty blob", "X''", "'\\x'::bytea"),
        new("short hash", "X'" + new string('a', 62) + "'", "'\\x" + new string('a', 62) + "'::bytea"),
        new("long hash", "X'" + new string('b', 66) + "'", "'\\x" + new string('b', 66) + "'::bytea"),
        new("other hash", "X'" + new string('c', 64) + "'", "'\\x" + new string('c', 64) + "'::bytea"),
        new("nil guid", "'00000000-0000-0000-0000-000000000000'", "'00000000-0000-0000-0000-000000000000'::uuid"),
        new("infinity", null, "'infinity'::timestamptz"),
        new("minus infinity", null, "'-infinity'::timestamptz"),
        new("year one", null, "'0001-01-01 00:00:00+00'::timestamptz"),
        new("before Christ", null, "'4713-01-01 00:00:00+00 BC'::timestamptz"),
        new("far future", null, "'294276-12-31 23:59:59+00'::timestamptz"),
        new("epoch", null, "'1970-01-01 00:00:00+00'::timestamptz"),
    ];

    protected abstract string Dialect { get; }

    protected abstract Task<DbConnection> OpenAsync();

    /// <summary>Lists the audit table's columns from the database's own catalogue.</summary>
    protected abstract Task<IReadOnlyList<string>> ColumnsAsync(DbConnection connection);

    /// <summary>Lifts every NOT NULL constraint the database lets go of, as someone with write access to it could.</summary>
    protected abstract Task DropNotNullAsync(DbConnection connection, IReadOnlyList<string> columns);

    protected abstract Task<(IAuditLogStore Log, IStorageSessionFactory Sessions, IDisposable Storage)> OpenStorageAsync();

    public async Task RunAsync()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var index = random.Next(1, Records + 1);
        var (log, sessions, storage) = await OpenStorageAsync();
        using (storage)
        {
            await Databases.AppendAsync(sessions, log, Tenant, Enumerable.Range(0, Records).Select(i => AuditFixtures.Event(i)));
        }

        await using var db = await OpenAsync();
        var columns = await ColumnsAsync(db);
        Assert.Contains("outcome", columns);
        Assert.Contains("hash", columns);
        await DropNotNullAsync(db, columns);
        await ExecuteAsync(db, "CREATE TABLE pristine_records AS SELECT * FROM audit_records");
        await ExecuteAsync(db, "CREATE TABLE pristine_heads AS SELECT * FROM audit_chain_heads");

        (log, sessions, storage) = await OpenStorageAsync();
        using (storage)
        {
            var verifier = new AuditChainVerifier(log);
            Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);
            var reports = Reports(log, sessions);
            var patients = AuditFixtures.Event(index - 1).PatientId is { } p ? new[] { p } : [AuditFixtures.Event(1).PatientId!.Value];
            var admin = ActorContext.ForAdministrator(Tenant, "admin-1", PurposeOfUse.Operations);
            var tried = 0;
            var perColumn = columns.ToDictionary(c => c, _ => 0);
            var unreadable = 0;

            foreach (var column in columns)
            {
                foreach (var bad in BadValues)
                {
                    var literal = Dialect == "sqlite" ? bad.Sqlite : bad.PostgreSql;
                    if (literal is null)
                    {
                        continue;
                    }

                    var context = $"seed {seed}, record {index}, column {column}, value {bad.Kind}";
                    try
                    {
                        await ExecuteAsync(db, $"UPDATE audit_records SET {column} = {literal} WHERE tenant_id = '{Tenant}' AND sequence = {index}");
                    }
                    catch (DbException)
                    {
                        // The column's type, length or a constraint refuses the value: the database cannot hold it.
                        continue;
                    }

                    try
                    {
                        if (await ScalarAsync(db, "SELECT COUNT(*) FROM (SELECT * FROM audit_records EXCEPT SELECT * FROM pristine_records) changed") == 0)
                        {
                            continue;
                        }

                        tried++;
                        perColumn[column]++;
                        var result = await verifier.VerifyAsync(Tenant);
                        Assert.False(result.IsIntact, $"not detected ({context})");
                        Assert.True(result.Break!.Index == index, $"break at {result.Break.Index} ({result.Break.Reason}: {result.Break.Description}), expected {index} ({context})");
                        if (result.Break.Reason == AuditBreakReason.Unreadable)
                        {
                            unreadable++;
                            Assert.NotNull(result.Break.Unreadable);
                            Assert.DoesNotContain("NotAValue", result.Break.Description, StringComparison.Ordinal);
                        }

                        foreach (var patient in patients)
                        {
                            var access = await reports.GetAccessLogAsync(admin, patient, new PatientAuditQuery { Limit = 5 });
                            await WalkAsync(access.ContinuationToken, token => reports.GetAccessLogAsync(admin, patient, new PatientAuditQuery { Limit = 5, ContinuationToken = token }), p => p.ContinuationToken);
                            var disclosures = await reports.GetDisclosuresAsync(admin, patient);
                            Assert.NotNull(disclosures);
                        }

                        var page = await reports.QueryAsync(admin, new AuditQuery { Limit = 5 });
                        await WalkAsync(page.ContinuationToken, token => reports.QueryAsync(admin, new AuditQuery { Limit = 5, ContinuationToken = token }), p => p.ContinuationToken);
                        await reports.QueryAsync(admin, new AuditQuery { Outcome = AuditOutcome.Denied, PatientId = patients[0] });
                    }
                    finally
                    {
                        await RestoreAsync(db);
                    }
                }
            }

            Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);
            Assert.All(perColumn, c => Assert.True(c.Value > 0, $"no invalid value reached column {c.Key}"));
            Assert.True(unreadable > 0, "no value made a row unreadable");
            Assert.True(tried >= columns.Count * 3, $"only {tried} values reached the table");
        }
    }

    private static async Task WalkAsync<TPage>(string? token, Func<string, Task<TPage>> next, Func<TPage, string?> tokenOf)
    {
        for (var pages = 0; token is not null && pages < 20; pages++)
        {
            token = tokenOf(await next(token));
        }
    }

    private static AuditReports Reports(IAuditLogStore log, IStorageSessionFactory sessions)
    {
        var guard = new AccessGuard(new DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Options.Create(new RemedoraOptions())), sessions, TimeProvider.System);
        return new AuditReports(log, sessions, guard, TimeProvider.System);
    }

    private static async Task RestoreAsync(DbConnection db)
    {
        await ExecuteAsync(db, "DELETE FROM audit_records");
        await ExecuteAsync(db, "INSERT INTO audit_records SELECT * FROM pristine_records");
        await ExecuteAsync(db, "DELETE FROM audit_chain_heads");
        await ExecuteAsync(db, "INSERT INTO audit_chain_heads SELECT * FROM pristine_heads");
    }

    protected static async Task ExecuteAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    protected static async Task<long> ScalarAsync(DbConnection db, string sql)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
