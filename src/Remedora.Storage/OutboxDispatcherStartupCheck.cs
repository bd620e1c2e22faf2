using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Remedora.Storage;

/// <summary>
/// At host start, tells a host that registers Remedora storage (and so publishes outbox messages: break-glass alerts,
/// package events) but no <see cref="OutboxDispatcher"/> that nothing in this process delivers them.
/// </summary>
internal sealed class OutboxDispatcherStartupCheck : IHostedService
{
    private readonly IServiceProviderIsService? _services;
    private readonly ILogger _logger;

    public OutboxDispatcherStartupCheck(IServiceProvider services, ILogger<OutboxDispatcherStartupCheck>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services.GetService<IServiceProviderIsService>();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets a value indicating whether the check found no dispatcher at the last start.</summary>
    public bool ReportedMissingDispatcher { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ReportedMissingDispatcher = _services is { } services && !services.IsService(typeof(OutboxDispatcher));
        if (ReportedMissingDispatcher)
        {
            StorageLog.NoDispatcherRegistered(_logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
