using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Compliance.Redaction;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Audit;
using Remedora.Audit.Integration;
using Remedora.Audit.Proofs;
using Remedora.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the audit package.</summary>
public static class AuditRemedoraBuilderExtensions
{
    /// <summary>The name of the health check that reports the audit integration lag.</summary>
    public const string AuditIntegrationHealthCheckName = "remedora-audit-integration";

    /// <summary>
    /// Registers audit verification (<see cref="AuditChainVerifier"/>), checkpoints (<see cref="AuditCheckpoints"/>),
    /// proofs (<see cref="AuditProofs"/>), reports (<see cref="IAuditReports"/>), the background
    /// <see cref="AuditIntegrator"/> that sequences committed records into each tenant's log (options
    /// <see cref="AuditIntegrationOptions"/>) with its health check (<see cref="AuditIntegrationHealthCheckName"/>), the
    /// break-glass alert relay and the recorder of settings changes. Options are validated when the host starts. Safe
    /// to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options, for example the checkpoint keys.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddAudit(this IRemedoraBuilder builder, Action<AuditOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(AuditMarkerService)))
        {
            services.AddSingleton<AuditMarkerService>();
            builder.AddStorageServices();
            services.AddOptions<AuditOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
            services.TryAddSingleton<IAuditCheckpointSigner, OptionsAuditCheckpointSigner>();
            services.TryAddSingleton<AuditChainVerifier>();
            services.TryAddSingleton<AuditCheckpoints>();
            services.AddOptions<AuditIntegrationOptions>().ValidateDataAnnotations().ValidateOnStart();
            services.TryAddSingleton<AuditIntegrator>();
            services.TryAddSingleton<AuditProofs>();
            services.AddHostedService<AuditIntegrationService>();
            services.AddHealthChecks().AddCheck<AuditIntegrationHealthCheck>(AuditIntegrationHealthCheckName, tags: ["remedora", "audit", "ready"]);
            services.TryAddSingleton<IAuditReports, AuditReports>();
            services.TryAddSingleton<AuditSettingsRecorder>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditSettingsRecorderHost>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, BreakGlassOutboxHandler>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Replaces the checkpoint signer configured through <see cref="AuditOptions"/>, for example with one that signs in
    /// a key management service.
    /// </summary>
    /// <typeparam name="TSigner">The signer.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder UseAuditCheckpointSigner<TSigner>(this IRemedoraBuilder builder)
        where TSigner : class, IAuditCheckpointSigner
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuditCheckpointSigner, TSigner>());
        return builder;
    }

    /// <summary>
    /// Adds a handler that is told about every break-glass (emergency) access, for example to page the privacy
    /// officer. Delivery is through the outbox, after the access committed, at least once.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddBreakGlassAlertHandler<THandler>(this IRemedoraBuilder builder)
        where THandler : class, IBreakGlassAlertHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IBreakGlassAlertHandler, THandler>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, BreakGlassOutboxHandler>());
        return builder;
    }

    /// <summary>
    /// Makes the logging pipeline redact values classified <see cref="RemedoraTaxonomy.Phi"/> (for example a
    /// break-glass reason) with the erasing redactor of Microsoft.Extensions.Compliance.Redaction. Values reach a log
    /// only when the host also turns redaction on (<c>logging.EnableRedaction()</c> from Microsoft.Extensions.Telemetry);
    /// without it the SDK's logging leaves classified values out entirely. To correlate redacted values instead of
    /// erasing them, register your own redactor for the classification with <c>services.AddRedaction(...)</c> after
    /// this call. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder AddPhiRedaction(this IRemedoraBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Services.Any(d => d.ServiceType == typeof(PhiRedactionMarker)))
        {
            builder.Services.AddSingleton<PhiRedactionMarker>();
            builder.Services.AddRedaction(r => r.SetRedactor<ErasingRedactor>(new DataClassificationSet(RemedoraTaxonomy.Phi)));
        }

        return builder;
    }

    private sealed class PhiRedactionMarker;

    private sealed class AuditMarkerService;

    /// <summary>Runs the shared <see cref="AuditSettingsRecorder"/> as a hosted service.</summary>
    private sealed class AuditSettingsRecorderHost(AuditSettingsRecorder recorder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => recorder.StartAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => recorder.StopAsync(cancellationToken);
    }
}
