using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Remedora.Audit;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Consent;
using Remedora.Intake.Submissions;
using Remedora.Storage;

namespace Remedora.CarePaths.Tests.Storage;

/// <summary>
/// With PHI protection on, clinical content planted through the real flows (an intake submission whose PHQ-9-like form
/// raises a red flag and carries a free-text answer and a score, its delivery to CarePaths, a break-glass read) is
/// readable through the API but nowhere in the raw database: not in the SQLite file or its WAL, not in any text, json or
/// bytea column of any PostgreSQL table. Each marker is unique to the run, so a hit can only be the planted value.
/// </summary>
internal sealed class ClinicalPlaintextJourney
{
    private static readonly FormCoding[] Frequencies =
    [
        new("http://example.org/frequency", "0", "Not at all"),
        new("http://example.org/frequency", "1", "Several days"),
        new("http://example.org/frequency", "2", "More than half the days"),
        new("http://example.org/frequency", "3", "Nearly every day"),
    ];

    private readonly string _run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string RedFlagId => $"zqx-flag-{_run}";

    public string RedFlagDescription => $"ZQX self-harm thoughts {_run}";

    public string ScoreName => $"zqxscore{_run}";

    public string FreeTextAnswer => $"ZQX I keep thinking about {_run}";

    public string BreakGlassReason => $"ZQX unconscious in ER {_run}";

    /// <summary>Gets every planted clinical marker, in the forms a store could write it.</summary>
    public IReadOnlyList<string> Markers => [RedFlagId, RedFlagDescription, ScoreName, $"{ScoreName}\":7", FreeTextAnswer, BreakGlassReason];

    private FormDefinition? _form;

    public FormDefinition Form => _form ??= FormBuilder.Create("https://forms.remedora.test/phq-9-like", "1.0.0")
        .Title("PHQ-9-like questionnaire")
        .Status(FormStatus.Active)
        .Group("phq", "Over the last 2 weeks", g =>
        {
            for (var i = 1; i <= 9; i++)
            {
                g.Choice($"phq-{i}", $"Question {i}", q =>
                {
                    q.Required();
                    for (var score = 0; score < Frequencies.Length; score++)
                    {
                        q.Option(Frequencies[score], score);
                    }
                });
            }

            g.Text("notes", "Anything else?");
        })
        .SumScore(ScoreName)
        .RedFlag(RedFlagId, RuleCondition.Ordinal("phq-9", ComparisonOperator.GreaterThan, 0), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit, RedFlagDescription)
        .Build();

    public static void Protect(IRemedoraBuilder remedora, FormDefinition form)
        => remedora.AddIntake().AddIntakeForm(form).AddAudit().ProtectPhi(phi =>
        {
            phi.Keys["scan-1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            phi.CurrentKeyId = "scan-1";
            phi.BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        });

    /// <summary>Runs the flows and checks that every planted value reads back through the API for authorised readers.</summary>
    /// <returns>Ids that are stored in clear, to show that the scan sees the data.</returns>
    public async Task<IReadOnlyList<string>> RunAsync(CarePathsHarness h)
    {
        var tenant = CarePathsHarness.Tenant;
        var patient = await h.AddPatientAsync();
        var clinician = await h.AddPractitionerAsync();
        var coordinatorRecord = await h.AddPractitionerAsync();
        var emergencyRecord = await h.AddPractitionerAsync();
        await h.AddCareTeamAsync(patient.Id, clinician, coordinatorRecord);
        var doctor = ActorContext.ForClinician(tenant, clinician.Id);
        var coordinator = ActorContext.ForCareCoordinator(tenant, coordinatorRecord.Id);
        var me = ActorContext.ForPatient(tenant, patient.Id);
        var admin = ActorContext.ForAdministrator(tenant, "admin-1", PurposeOfUse.Operations);

        var consents = h.Services.GetRequiredService<ConsentService>();
        var document = await consents.PublishDocumentAsync(admin, ConsentKinds.Telehealth, "1.0", "Telehealth consent", "I agree to receive care by video and messaging.", h.Clock.GetUtcNow(), [CarePathsHarness.California]);
        await consents.CaptureAsync(me, new ConsentCapture { PatientId = patient.Id, DocumentId = document.Id, TextHash = document.TextHash, Jurisdiction = CarePathsHarness.California, SignerName = "Test Patient", Method = SignatureMethod.TypedName, Signature = "Test Patient" });

        // The intake submission: item 9 above zero raises the red flag; the score is 7; the notes hold free text.
        var careCase = await h.Engine.OpenCaseAsync(coordinator, new OpenCaseRequest(patient.Id, BuiltInCarePaths.HybridName));
        int[] scores = [1, 1, 0, 2, 0, 1, 0, 1, 1];
        var answers = FormResponseBuilder.For(Form);
        for (var i = 0; i < scores.Length; i++)
        {
            answers.Answer($"phq-{i + 1}", new CodingAnswer(Frequencies[scores[i]]));
        }

        answers.Answer("notes", new StringAnswer(FreeTextAnswer));
        var submission = await h.Services.GetRequiredService<IntakeSubmissionService>().SubmitAsync(me, patient.Id, answers.Build(), careCase.Id);
        Assert.Equal(RedFlagId, Assert.Single(submission.RedFlags).RuleId);
        Assert.Equal(7m, submission.Scores[ScoreName]);

        // Delivery to CarePaths through the outbox, as the dispatcher does: the red flag escalates the case.
        var dispatcher = OutboxDispatcher.Create(h.Services.GetRequiredService<IStorageSessionFactory>(), h.WorkQueue, h.Services.GetServices<IOutboxHandler>(), new OutboxDispatcherOptions(), h.Clock);
        await dispatcher.RunOnceAsync();
        var escalated = await h.Engine.GetCaseAsync(doctor, careCase.Id);
        Assert.Equal(RedFlagDescription, Assert.Single(escalated.Facts.RedFlags).Description);

        // A break-glass read by a clinician off the care team; its alert stays in the outbox.
        var emergency = ActorContext.ForClinician(tenant, emergencyRecord.Id).WithBreakGlass(BreakGlassReason, h.Clock.GetUtcNow());
        Assert.Equal(patient.Id, (await h.Services.GetRequiredService<IRecords<Patient>>().GetAsync(emergency, patient.Id)).Id);

        // Authorised readers get the clear text back: the stored submission and the access log's break-glass reason.
        var stored = await h.Services.GetRequiredService<IntakeSubmissionService>().GetAsync(doctor, submission.Id);
        Assert.Equal(RedFlagDescription, Assert.Single(stored.RedFlags).Description);
        var log = await h.Services.GetRequiredService<IAuditReports>().GetAccessLogAsync(admin, patient.Id, new PatientAuditQuery { Limit = 1000 });
        Assert.Contains(log.Items, e => e.BreakGlassReason == BreakGlassReason);
        Assert.Empty(log.Unreadable);

        // The chain covers the stored (encrypted) fields: it verifies without any key.
        var verification = await new AuditChainVerifier(h.AuditLog).VerifyAsync(tenant);
        Assert.True(verification.IsIntact, verification.Break?.Description);
        return [careCase.Id.ToString(), patient.Id.ToString()];
    }

    public void AssertAbsent(byte[] bytes, string where)
    {
        foreach (var marker in Markers)
        {
            Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"'{marker}' is in plain text in {where}");
            Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(marker)) < 0, $"'{marker}' is in plain UTF-16 text in {where}");
        }
    }

    public void AssertAbsent(string text, string where)
    {
        foreach (var marker in Markers)
        {
            Assert.False(text.Contains(marker, StringComparison.OrdinalIgnoreCase), $"'{marker}' is in plain text in {where}");
        }
    }
}

public sealed class SqliteClinicalPlaintextScanTests
{
    [Fact]
    public async Task RawSqliteFileAndWal_AfterRedFlagIntakeDeliveryAndBreakGlass_HoldNoClinicalText()
    {
        var journey = new ClinicalPlaintextJourney();
        var directory = Path.Combine(Path.GetTempPath(), "remedora-carepaths-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db");
        var files = new[] { path, path + "-wal", path + "-shm" };
        try
        {
            IReadOnlyList<string> visible;
            await using (var h = await CarePathsHarness.StartAsync(r => r.UseEntityFrameworkCoreStorage(o => o.UseSqliteFile(path)), sp => sp.MigrateRemedoraStorageAsync(), r => ClinicalPlaintextJourney.Protect(r, journey.Form), testConsentGate: false))
            {
                visible = await journey.RunAsync(h);

                // While the host runs, the latest pages sit in the WAL.
                Assert.True(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "the WAL was not written");
                foreach (var file in files.Where(File.Exists))
                {
                    journey.AssertAbsent(ReadShared(file), Path.GetFileName(file));
                }
            }

            SqliteConnection.ClearAllPools();
            var all = files.Where(File.Exists).SelectMany(ReadShared).ToArray();
            journey.AssertAbsent(all, "the database files after the host stopped");
            Assert.All(visible, id => Assert.True(all.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0, $"id {id} not found: the scan did not see the data"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in files)
            {
                File.Delete(file);
            }
        }
    }

    private static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

public sealed class PostgreSqlClinicalPlaintextScanTests
{
    [SkippableFact]
    public async Task EveryTextJsonAndByteaColumn_AfterRedFlagIntakeDeliveryAndBreakGlass_HoldsNoClinicalText()
    {
        var connectionString = Environment.GetEnvironmentVariable(EfDatabases.PostgresVariable) is { Length: > 0 } cs ? cs : null;
        if (connectionString is null && Environment.GetEnvironmentVariable(EfDatabases.RequirePostgresVariable) == "1")
        {
            throw new InvalidOperationException($"{EfDatabases.RequirePostgresVariable}=1 but {EfDatabases.PostgresVariable} is not set: the PostgreSQL tests must run.");
        }

        Skip.If(connectionString is null, $"{EfDatabases.PostgresVariable} is not set.");
        var journey = new ClinicalPlaintextJourney();
        var schema = "scan_" + Guid.NewGuid().ToString("N")[..20];
        try
        {
            IReadOnlyList<string> visible;
            await using (var h = await CarePathsHarness.StartAsync(r => r.UseEntityFrameworkCoreStorage(o => o.UseNpgsql(connectionString!, schema)), sp => sp.MigrateRemedoraStorageAsync(), r => ClinicalPlaintextJourney.Protect(r, journey.Form), testConsentGate: false))
            {
                visible = await journey.RunAsync(h);
            }

            var everything = new StringBuilder();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var columns = new List<(string Table, string Column, string Type)>();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = @schema AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea') ORDER BY table_name, ordinal_position";
                command.Parameters.AddWithValue("schema", schema);
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }
            }

            Assert.Contains(columns, c => c.Table == "queue_items" && c.Column == "payload");
            Assert.Contains(columns, c => c.Table == "audit_records" && c.Column == "break_glass_reason");
            foreach (var (table, column, type) in columns)
            {
                await using var command = connection.CreateCommand();
                var value = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
                command.CommandText = $"SELECT {value} FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL";
                await using var reader = await command.ExecuteReaderAsync();
                var text = new StringBuilder();
                while (await reader.ReadAsync())
                {
                    text.Append(reader.GetString(0)).Append('\n');
                }

                journey.AssertAbsent(text.ToString(), $"{table}.{column}");
                everything.Append(text);
            }

            Assert.All(visible, id => Assert.Contains(id, everything.ToString(), StringComparison.Ordinal));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
            await command.ExecuteNonQueryAsync();
        }
    }
}
