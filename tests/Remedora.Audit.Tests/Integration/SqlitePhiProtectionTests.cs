using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Storage;
using Remedora.Storage.Protection;

namespace Remedora.Audit.Tests;

/// <summary>PHI protection on the SQLite provider: the raw file holds no plaintext, lookups by email work, and key rotation with re-encryption.</summary>
public sealed class SqlitePhiProtectionTests : IDisposable
{
    private static readonly TenantId Tenant = AuditFixtures.Tenant;
    private static readonly byte[] K1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] K2 = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Blind = Enumerable.Range(90, 32).Select(i => (byte)i).ToArray();
    private static readonly string[] Planted = ["Quintessa", "Vandermolen", "quintessa.v@example.org", "+1-555-0142", "1987-03-14", "742 Evergreen Terrace", "Springfield", "49007"];
    private readonly string _path = Databases.NewSqlitePath();

    public void Dispose() => Databases.DeleteSqlite(_path);

    [Fact]
    public async Task RawSqliteFile_AfterStoringPatients_ContainsNoPlaintextOfEncryptedFields()
    {
        var patients = Enumerable.Range(0, 20).Select(i => PatientWith(i)).ToArray();
        using (var storage = await Databases.SqliteAsync(_path, Codec("k1", K1)))
        {
            var records = Records(storage);
            for (var i = 0; i < patients.Length; i++)
            {
                patients[i] = await records.CreateAsync(System, patients[i] with { Id = default });
            }

            var found = await records.SearchAsync(System, DocumentQuery<Patient>.All.Where("email", CoreCollections.NormalizeEmail(" Quintessa.V7@Example.org ")));
            Assert.Equal(patients[7].Id, Assert.Single(found.Items).Id);
            Assert.Equal(patients[7].GivenName, (await records.GetAsync(System, patients[7].Id)).GivenName);
        }

        var bytes = await ReadDatabaseFilesAsync();

        Assert.True(bytes.Length > 100_000, "the database file was not written");
        foreach (var value in patients.SelectMany(p => new[] { p.GivenName, p.FamilyName, p.Email!, p.Phone!, p.BirthDate.ToString("yyyy-MM-dd", global::System.Globalization.CultureInfo.InvariantCulture), p.Address!.Lines[0], p.Address.City, p.Address.PostalCode! }))
        {
            Assert.Equal(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(value)));
            Assert.Equal(-1, IndexOf(bytes, Encoding.Unicode.GetBytes(value)));
        }

        Assert.NotEqual(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(patients[3].Id.ToString())));
    }

    [Fact]
    public async Task KeyRotation_OldRowsStillRead_AndAfterReencryptionNoneUsesTheOldKey()
    {
        var patients = Enumerable.Range(0, 45).Select(i => PatientWith(i)).ToArray();
        using (var storage = await Databases.SqliteAsync(_path, Codec("k1", K1)))
        {
            for (var i = 0; i < patients.Length; i++)
            {
                patients[i] = await Records(storage).CreateAsync(System, patients[i] with { Id = default });
            }
        }

        Assert.Equal(patients.Length, await CountStoredAsync("$phi1.k1."));
        var rotated = new PhiKeyRing([new PhiKey("k1", K1), new PhiKey("k2", K2)], "k2", Blind);
        using (var storage = await Databases.SqliteAsync(_path, new ProtectedDocumentCodec(rotated)))
        {
            var records = Records(storage);
            Assert.Equal(patients[44].FamilyName, (await records.GetAsync(System, patients[44].Id)).FamilyName);
            Assert.Single((await records.SearchAsync(System, DocumentQuery<Patient>.All.Where("email", patients[5].Email))).Items);

            var rewritten = await new PhiReencryptor(storage.Sessions, Databases.Model, rotated, TimeProvider.System).ReencryptAsync(Tenant, batchSize: 10);

            Assert.Equal(patients.Length, rewritten["patients"]);
            Assert.Equal(0, await CountStoredAsync("$phi1.k1."));
            Assert.Equal(patients.Length, await CountStoredAsync("$phi1.k2."));
            var batches = await storage.AuditLog.QueryAsync(Tenant, new AuditQuery { ActorId = PhiReencryptor.ActorId });
            Assert.Equal(5, batches.Items.Count);
        }

        // With the old key retired, every row still reads.
        var retired = new PhiKeyRing([new PhiKey("k2", K2)], "k2", Blind);
        using (var storage = await Databases.SqliteAsync(_path, new ProtectedDocumentCodec(retired)))
        {
            var records = Records(storage);
            foreach (var patient in patients)
            {
                Assert.Equal(patient.Email, (await records.GetAsync(System, patient.Id)).Email);
            }
        }
    }

    [Fact]
    public async Task BreakGlassRead_OnSqliteWithProtection_ReasonEncryptedAtRestReadInReportsAndTheChainVerifiesWithoutKeys()
    {
        var reason = "ZQX unconscious on arrival " + Guid.NewGuid().ToString("N");
        var codec = Codec("k1", K1);
        var patient = PatientWith(1);
        using (var storage = await Databases.SqliteAsync(_path, codec))
        {
            var guard = new AccessGuard(new DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Options.Create(new RemedoraOptions())), storage.Sessions, TimeProvider.System);
            patient = await Records(storage).CreateAsync(System, patient with { Id = default });
            var doctor = await new Records<Practitioner>(storage.Sessions, guard, Databases.Model).CreateAsync(System, new Practitioner { Id = default, TenantId = Tenant, DisplayName = "ER" });
            var emergency = ActorContext.ForClinician(Tenant, doctor.Id, "dr-er").WithBreakGlass(reason, TimeProvider.System.GetUtcNow());
            Assert.Equal(patient.Id, (await Records(storage).GetAsync(emergency, patient.Id)).Id);
            var admin = ActorContext.ForAdministrator(Tenant, "admin-1", PurposeOfUse.Operations);

            var readable = await new AuditReports(storage.AuditLog, storage.Sessions, guard, TimeProvider.System, ContinuationTokenProtector.CreateEphemeral(), codec).GetAccessLogAsync(admin, patient.Id);
            var withoutTheKey = await new AuditReports(storage.AuditLog, storage.Sessions, guard, TimeProvider.System, ContinuationTokenProtector.CreateEphemeral(), Codec("k9", K2)).GetAccessLogAsync(admin, patient.Id);

            Assert.Contains(readable.Items, e => e.BreakGlassReason == reason);
            Assert.Empty(readable.Unreadable);
            Assert.Contains(withoutTheKey.Items, e => e.IsBreakGlass && PhiCipher.IsProtected(e.BreakGlassReason));
            Assert.NotEmpty(withoutTheKey.Unreadable);
        }

        var bytes = await ReadDatabaseFilesAsync();
        Assert.Equal(-1, IndexOf(bytes, Encoding.UTF8.GetBytes(reason)));
        using (var withoutKeys = await Databases.SqliteAsync(_path))
        {
            var result = await new AuditChainVerifier(withoutKeys.AuditLog).VerifyAsync(Tenant);
            Assert.True(result.IsIntact, result.Break?.Description);
        }
    }

    private static ActorContext System => ActorContext.ForSystem(Tenant, "phi-tests");

    private static ProtectedDocumentCodec Codec(string id, byte[] key) => new(new PhiKeyRing([new PhiKey(id, key)], id, Blind));

    private static Records<Patient> Records(Remedora.Storage.EntityFrameworkCore.EntityFrameworkCoreStorage storage)
    {
        var policy = new DefaultAccessPolicy(new TestRelationships(), TimeProvider.System, Options.Create(new RemedoraOptions()));
        return new Records<Patient>(storage.Sessions, new AccessGuard(policy, storage.Sessions, TimeProvider.System), Databases.Model);
    }

    private static Patient PatientWith(int i) => new()
    {
        Id = Id<Patient>.New(),
        TenantId = Tenant,
        GivenName = $"{Planted[0]}{i}",
        FamilyName = $"{Planted[1]}{i}",
        Email = $"quintessa.v{i}@example.org",
        Phone = $"{Planted[3]}{i:00}",
        BirthDate = new DateOnly(1987, 3, 1).AddDays(i),
        Address = new PostalAddress([$"{i} Evergreen Terrace"], $"{Planted[6]}{i}", "MI", $"490{i:00}", "US"),
        Jurisdiction = Jurisdiction.Parse("US-MI"),
    };

    private async Task<byte[]> ReadDatabaseFilesAsync()
    {
        SqliteConnection.ClearAllPools();
        using var output = new MemoryStream();
        foreach (var file in new[] { _path, _path + "-wal" })
        {
            if (File.Exists(file))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                output.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private async Task<long> CountStoredAsync(string marker)
    {
        await using var db = new SqliteConnection($"Data Source={_path}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM documents WHERE data LIKE '%' || @marker || '%'";
        command.Parameters.AddWithValue("@marker", marker);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
