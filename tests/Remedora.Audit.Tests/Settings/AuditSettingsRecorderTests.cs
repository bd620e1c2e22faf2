using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Remedora.Audit.Tests;

public sealed class AuditSettingsRecorderTests
{
    private readonly TestStorage _storage = AuditFixtures.Chain(3);
    private readonly MutableMonitor<RemedoraOptions> _core = new(new RemedoraOptions());
    private readonly MutableMonitor<AuditOptions> _audit = new(new AuditOptions());

    [Fact]
    public async Task RecordChangesAsync_FirstStart_RecordsTheSettingsOnce()
    {
        using var recorder = Recorder();

        Assert.Equal(1, await recorder.RecordChangesAsync());
        Assert.Equal(0, await recorder.RecordChangesAsync());

        var record = _storage.Events(AuditFixtures.Tenant)[^1];
        Assert.Equal((AuditAction.Update, "AuditSettings", "remedora.audit-settings", ActorRole.System), (record.Action, record.ResourceType, record.ActorId, record.ActorRole));
        Assert.Equal("settings:breakGlassDuration=01:00:00;applicationId=remedora;checkpointSigner=HMAC-SHA256/;checkpointKeys=;recordSettingsChanges=true", record.Detail);
    }

    [Fact]
    public async Task OptionsReloaded_BreakGlassDurationChanged_IsRecorded()
    {
        using var recorder = Recorder();
        await recorder.StartAsync(CancellationToken.None);

        _core.Set(new RemedoraOptions { BreakGlassDuration = TimeSpan.FromMinutes(15) });
        await recorder.LastBackgroundRecording;

        Assert.Equal(
            ["breakGlassDuration=01:00:00", "breakGlassDuration=00:15:00"],
            SettingsRecords().Select(d => d.Split(';')[0]["settings:".Length..]).ToArray());
        await recorder.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RecordSettingsChangesTurnedOff_IsRecordedAndLaterChangesAreNot()
    {
        using var recorder = Recorder();
        await recorder.RecordChangesAsync();

        _audit.Set(new AuditOptions { RecordSettingsChanges = false });
        await recorder.RecordChangesAsync();
        _core.Set(new RemedoraOptions { BreakGlassDuration = TimeSpan.FromHours(2) });
        await recorder.RecordChangesAsync();

        Assert.Equal(2, SettingsRecords().Count);
        Assert.EndsWith("recordSettingsChanges=false", SettingsRecords()[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckpointKeyRotated_RecordsKeyIdsButNoKeyMaterial()
    {
        using var recorder = Recorder();
        var secret = Convert.ToBase64String(AuditHarness.Key2);
        var rotated = new AuditOptions { CheckpointKeyId = "k2" };
        rotated.CheckpointKeys["k1"] = Convert.ToBase64String(AuditHarness.Key1);
        rotated.CheckpointKeys["k2"] = secret;
        _audit.Set(rotated);

        await recorder.RecordChangesAsync();

        var detail = Assert.Single(SettingsRecords());
        Assert.Contains("checkpointSigner=HMAC-SHA256/k2;checkpointKeys=k1,k2", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, detail, StringComparison.Ordinal);
    }

    private List<string> SettingsRecords()
        => _storage.Events(AuditFixtures.Tenant).Where(e => e.ResourceType == AuditSettingsRecorder.ResourceType).Select(e => e.Detail!).ToList();

    private AuditSettingsRecorder Recorder()
        => new(_storage, _storage, _core, _audit, new OptionsAuditCheckpointSigner(_audit), new Microsoft.Extensions.Time.Testing.FakeTimeProvider(AuditFixtures.Start));

    private sealed class MutableMonitor<T>(T value) : IOptionsMonitor<T>
    {
        private event Action<T, string?>? Changed;

        public T CurrentValue { get; private set; } = value;

        public T Get(string? name) => CurrentValue;

        public void Set(T value)
        {
            CurrentValue = value;
            Changed?.Invoke(value, Options.DefaultName);
        }

        public IDisposable OnChange(Action<T, string?> listener)
        {
            Changed += listener;
            return new Subscription(() => Changed -= listener);
        }

        private sealed class Subscription(Action dispose) : IDisposable
        {
            public void Dispose() => dispose();
        }
    }
}
