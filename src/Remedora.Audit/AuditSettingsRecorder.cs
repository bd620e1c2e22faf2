using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// Records the security settings (break-glass duration, checkpoint keys, whether settings changes are recorded) in
/// the audit log of every tenant that has one, when the host starts with settings that differ from the last ones
/// recorded and whenever the options are reloaded. Key ids are recorded, never key material.
/// </summary>
/// <remarks>
/// Each record is an <see cref="AuditAction.Update"/> of resource type <see cref="ResourceType"/> by the system actor
/// <see cref="ActorId"/>; its detail is the full settings text, so a report shows what changed and when. Turning
/// <see cref="AuditOptions.RecordSettingsChanges"/> off is recorded too, as the last change recorded.
/// </remarks>
public sealed class AuditSettingsRecorder : IHostedService, IDisposable
{
    /// <summary>The actor id of settings records.</summary>
    public const string ActorId = "remedora.audit-settings";

    /// <summary>The resource type of settings records.</summary>
    public const string ResourceType = "AuditSettings";

    private const string DetailPrefix = "settings:";

    private readonly IAuditLogStore _store;
    private readonly IStorageSessionFactory _sessions;
    private readonly IOptionsMonitor<RemedoraOptions> _core;
    private readonly IOptionsMonitor<AuditOptions> _audit;
    private readonly IAuditCheckpointSigner _signer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IDocumentCodec _codec;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<IDisposable> _subscriptions = [];

    /// <summary>Initializes a new instance of the <see cref="AuditSettingsRecorder"/> class.</summary>
    /// <param name="store">The audit log store (lists tenants and finds the last recorded settings).</param>
    /// <param name="sessions">The storage sessions the records are written in.</param>
    /// <param name="core">The core options.</param>
    /// <param name="audit">The audit options.</param>
    /// <param name="signer">The checkpoint signer, whose algorithm and key id are recorded.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="codec">Decodes the stored detail of the last settings record (encrypted when PHI protection is on); the default reads it as stored.</param>
    public AuditSettingsRecorder(
        IAuditLogStore store,
        IStorageSessionFactory sessions,
        IOptionsMonitor<RemedoraOptions> core,
        IOptionsMonitor<AuditOptions> audit,
        IAuditCheckpointSigner signer,
        TimeProvider timeProvider,
        ILogger<AuditSettingsRecorder>? logger = null,
        IDocumentCodec? codec = null)
    {
        _codec = codec ?? new JsonDocumentCodec();
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _store = store;
        _sessions = sessions;
        _core = core;
        _audit = audit;
        _signer = signer;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the text that describes the current settings, as recorded.</summary>
    /// <returns>For example <c>breakGlassDuration=01:00:00;applicationId=remedora;checkpointSigner=HMAC-SHA256/k1;checkpointKeys=k0,k1;recordSettingsChanges=true</c>.</returns>
    public string DescribeSettings()
    {
        var core = _core.CurrentValue;
        var audit = _audit.CurrentValue;
        var keys = string.Join(',', audit.CheckpointKeys.Keys.Order(StringComparer.Ordinal));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"breakGlassDuration={core.BreakGlassDuration:c};applicationId={core.ApplicationId};checkpointSigner={_signer.Algorithm}/{_signer.KeyId};checkpointKeys={keys};recordSettingsChanges={(audit.RecordSettingsChanges ? "true" : "false")}");
    }

    /// <summary>Records the current settings in every tenant's audit log whose last recorded settings differ.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The number of tenants in which a record was written.</returns>
    public async Task<int> RecordChangesAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var settings = DescribeSettings();
            var detail = DetailPrefix + settings;
            var written = 0;
            foreach (var tenant in await _store.ListTenantsAsync(cancellationToken).ConfigureAwait(false))
            {
                var last = await _store.QueryAsync(tenant, new AuditQuery { ActorId = ActorId, Action = AuditAction.Update, Limit = 1 }, cancellationToken).ConfigureAwait(false);
                // With PHI protection on, the stored detail is encrypted: compare what it says.
                var lastDetail = last.Items.Count > 0 && _codec.TryDecodeAuditEvent(last.Items[0].Event, out var lastEvent) ? lastEvent.Detail : null;
                if (lastDetail == detail)
                {
                    continue;
                }

                // Once recording is off, only the change that turned it off is recorded.
                if (!_audit.CurrentValue.RecordSettingsChanges && lastDetail is not null && lastDetail.EndsWith("recordSettingsChanges=false", StringComparison.Ordinal))
                {
                    continue;
                }

                await using var session = _sessions.OpenSession(tenant);
                session.Audit(new AuditEvent
                {
                    OccurredAt = _timeProvider.GetUtcNow(),
                    TenantId = tenant,
                    ActorId = ActorId,
                    ActorRole = ActorRole.System,
                    Action = AuditAction.Update,
                    ResourceType = ResourceType,
                    Outcome = AuditOutcome.Success,
                    PurposeOfUse = PurposeOfUse.SystemAdministration,
                    Source = new RequestSource(_core.CurrentValue.ApplicationId),
                    Detail = detail,
                });
                await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                written++;
            }

            if (written > 0)
            {
                AuditLog.SettingsRecorded(_logger, written);
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RecordChangesAsync(cancellationToken).ConfigureAwait(false);
        if (_core.OnChange((_, _) => RecordInBackground()) is { } coreSubscription)
        {
            _subscriptions.Add(coreSubscription);
        }

        if (_audit.OnChange((_, _) => RecordInBackground()) is { } auditSubscription)
        {
            _subscriptions.Add(auditSubscription);
        }
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        DisposeSubscriptions();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        DisposeSubscriptions();
        _gate.Dispose();
    }

    /// <summary>Gets the task of the last recording started by an options change; for tests.</summary>
    internal Task LastBackgroundRecording { get; private set; } = Task.CompletedTask;

    private void RecordInBackground()
    {
        LastBackgroundRecording = Task.Run(async () =>
        {
            try
            {
                await RecordChangesAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AuditLog.SettingsRecordFailed(_logger, ex);
            }
        });
    }

    private void DisposeSubscriptions()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        _subscriptions.Clear();
    }
}
