using Microsoft.Data.Sqlite;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>
/// The tamper matrix on a real SQLite file: a 10,000-record log is tampered with 1,000 times through SQL (byte flips,
/// deletions, reorderings, insertions, truncations), verified through the provider after each, and restored from a
/// pristine copy of the rows the tampering touched.
/// </summary>
public sealed class SqliteTamperMatrixTests : IDisposable
{
    private const int Records = 10_000;
    private const int Tamperings = 1_000;
    private static readonly TenantId Tenant = AuditFixtures.Tenant;
    private readonly string _path = Databases.NewSqlitePath();

    public void Dispose() => Databases.DeleteSqlite(_path);

    [Fact]
    public async Task VerifyAsync_ThousandRandomTamperingsOnSqlite_EachDetectedAtTheRightFirstIndex()
    {
        using var storage = await Databases.SqliteAsync(_path);
        await Databases.AppendAsync(storage.Sessions, storage.AuditLog, Tenant, Enumerable.Range(0, Records).Select(i => AuditFixtures.Event(i)), perCommit: 1000);
        var records = new List<AuditRecord>(Records);
        await foreach (var record in storage.AuditLog.ReadChainAsync(Tenant).Select(e => e.Record!))
        {
            records.Add(record);
        }

        await using var db = new SqliteConnection($"Data Source={_path}");
        await db.OpenAsync();
        await ExecuteAsync(db, "CREATE TABLE pristine AS SELECT * FROM audit_records; CREATE UNIQUE INDEX pristine_sequence ON pristine (sequence);");
        var verifier = new AuditChainVerifier(storage.AuditLog);
        Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);
        var random = new Random(20260105);
        var seen = new HashSet<AuditBreakReason>();

        for (var n = 0; n < Tamperings; n++)
        {
            var (expected, restore) = await TamperAsync(db, records, n % 5, random);

            var result = await verifier.VerifyAsync(Tenant);

            Assert.False(result.IsIntact, $"tampering {n} ({expected}) was not detected");
            Assert.Equal((expected.Index, expected.Reason), (result.Break!.Index, result.Break.Reason));
            seen.Add(expected.Reason);
            await ExecuteAsync(db, restore);
        }

        Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public async Task VerifyAsync_LogRewrittenOnSqlite_IsCaughtAgainstASavedCheckpoint()
    {
        using var storage = await Databases.SqliteAsync(_path);
        await Databases.AppendAsync(storage.Sessions, storage.AuditLog, Tenant, Enumerable.Range(0, 300).Select(i => AuditFixtures.Event(i)));
        var signer = new HmacAuditCheckpointSigner(new Dictionary<string, byte[]> { ["k1"] = AuditHarness.Key1 }, "k1");
        var guard = new AccessGuard(new Remedora.Access.DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new RemedoraOptions())), storage.Sessions, TimeProvider.System);
        var checkpoints = new AuditCheckpoints(storage.AuditLog, storage.Sessions, guard, TimeProvider.System, signer);
        var saved = (await checkpoints.CreateAsync(ActorContext.ForSystem(Tenant, "nightly"))).Export();

        // Rewrite record 120 and recompute every later hash and the head, as someone with write access to the file would.
        var records = new List<AuditRecord>();
        await foreach (var record in storage.AuditLog.ReadChainAsync(Tenant).Select(e => e.Record!))
        {
            records.Add(record);
        }

        await using (var db = new SqliteConnection($"Data Source={_path}"))
        {
            await db.OpenAsync();
            var previous = records[118].Hash;
            for (var i = 119; i < records.Count; i++)
            {
                var e = i == 119 ? records[i].Event with { ActorId = "someone-else" } : records[i].Event;
                var forged = AuditFixtures.Forge(records[i].Sequence, previous, e);
                await using var command = db.CreateCommand();
                command.CommandText = "UPDATE audit_records SET actor_id = @actor, previous_hash = @prev, hash = @hash WHERE sequence = @seq";
                command.Parameters.AddWithValue("@actor", e.ActorId);
                command.Parameters.AddWithValue("@prev", forged.PreviousHash.ToArray());
                command.Parameters.AddWithValue("@hash", forged.Hash.ToArray());
                command.Parameters.AddWithValue("@seq", forged.Sequence);
                await command.ExecuteNonQueryAsync();
                previous = forged.Hash;
            }

            await using var head = db.CreateCommand();
            head.CommandText = "UPDATE audit_chain_heads SET hash = @hash";
            head.Parameters.AddWithValue("@hash", previous.ToArray());
            await head.ExecuteNonQueryAsync();
        }

        var verifier = new AuditChainVerifier(storage.AuditLog, signer);
        Assert.True((await verifier.VerifyAsync(Tenant)).IsIntact);

        var result = await verifier.VerifyAsync(Tenant, await checkpoints.ImportAsync(saved));

        Assert.Equal((300L, AuditBreakReason.Rewritten), (result.Break!.Index, result.Break.Reason));
    }

    /// <summary>Tampers with the log and returns the break to expect and the SQL that restores what it touched.</summary>
    private static async Task<(AuditChainBreakExpectation Expected, string Restore)> TamperAsync(SqliteConnection db, List<AuditRecord> records, int kind, Random random)
    {
        switch (kind)
        {
            case 0:
            {
                var k = random.Next(1, Records + 1);
                var sql = random.Next(5) switch
                {
                    0 => $"UPDATE audit_records SET actor_id = actor_id || 'x' WHERE sequence = {k}",
                    1 => $"UPDATE audit_records SET resource_type = lower(resource_type) WHERE sequence = {k}",
                    2 => $"UPDATE audit_records SET occurred_at = occurred_at + 1 WHERE sequence = {k}",
                    3 => $"UPDATE audit_records SET hash = @bytes WHERE sequence = {k}",
                    _ => $"UPDATE audit_records SET previous_hash = @bytes WHERE sequence = {k}",
                };
                var source = sql.Contains("previous_hash", StringComparison.Ordinal) ? records[k - 1].PreviousHash : records[k - 1].Hash;
                var flipped = source.ToArray();
                flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                await ExecuteAsync(db, sql, flipped);
                return (new(k, AuditBreakReason.Changed), Restore($"sequence = {k}"));
            }

            case 1:
            {
                var k = random.Next(1, Records);
                if (random.Next(2) == 0)
                {
                    await ExecuteAsync(db, $"DELETE FROM audit_records WHERE sequence = {k}");
                    return (new(k, AuditBreakReason.Deleted), $"INSERT INTO audit_records SELECT * FROM pristine WHERE sequence = {k}");
                }

                await ExecuteAsync(db, $"DELETE FROM audit_records WHERE sequence = {k}; UPDATE audit_records SET sequence = -(sequence - 1) WHERE sequence > {k}; UPDATE audit_records SET sequence = -sequence WHERE sequence < 0;");
                return (new(k, AuditBreakReason.Deleted), Restore($"sequence >= {k}"));
            }

            case 2:
            {
                var i = random.Next(1, Records);
                var j = random.Next(2) == 0 ? i + 1 : random.Next(i + 1, Records + 1);
                await ExecuteAsync(db, $"UPDATE audit_records SET sequence = -1 WHERE sequence = {i}; UPDATE audit_records SET sequence = {i} WHERE sequence = {j}; UPDATE audit_records SET sequence = {j} WHERE sequence = -1;");
                return (new(i, AuditBreakReason.Reordered), Restore($"sequence IN ({i}, {j})"));
            }

            case 3:
            {
                var k = random.Next(1, Records + 1);
                var previous = k == 1 ? AuditChain.GenesisHash : records[k - 2].Hash;
                var forged = random.Next(2) == 0
                    ? AuditFixtures.Forge(k, previous, records[k - 1].Event with { ActorId = "intruder" })
                    : new AuditRecord(k, records[k - 1].Event with { ActorId = "intruder" }, AuditFixtures.RandomHash(random), AuditFixtures.RandomHash(random));
                await ExecuteAsync(db, $"UPDATE audit_records SET sequence = -(sequence + 1) WHERE sequence >= {k}; UPDATE audit_records SET sequence = -sequence WHERE sequence < 0;");
                await using var command = db.CreateCommand();
                command.CommandText = $"INSERT INTO audit_records (tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description, previous_hash, hash) SELECT tenant_id, {k}, occurred_at, 'intruder', actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, disclosure_recipient, disclosure_purpose, disclosure_description, @prev, @hash FROM audit_records WHERE sequence = {k + 1}";
                command.Parameters.AddWithValue("@prev", forged.PreviousHash.ToArray());
                command.Parameters.AddWithValue("@hash", forged.Hash.ToArray());
                await command.ExecuteNonQueryAsync();
                return (new(k, AuditBreakReason.Inserted), Restore($"sequence >= {k}"));
            }

            default:
            {
                var k = random.Next(1, Records + 1);
                await ExecuteAsync(db, $"DELETE FROM audit_records WHERE sequence >= {k}");
                return (new(k, AuditBreakReason.Truncated), $"INSERT INTO audit_records SELECT * FROM pristine WHERE sequence >= {k}");
            }
        }
    }

    private static string Restore(string rows) => $"DELETE FROM audit_records WHERE {rows}; INSERT INTO audit_records SELECT * FROM pristine WHERE {rows};";

    private static async Task ExecuteAsync(SqliteConnection db, string sql, byte[]? bytes = null)
    {
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        if (bytes is not null)
        {
            command.Parameters.AddWithValue("@bytes", bytes);
        }

        await command.ExecuteNonQueryAsync();
    }
}
