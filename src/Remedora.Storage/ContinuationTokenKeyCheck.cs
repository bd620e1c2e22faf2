using Microsoft.Extensions.Hosting;

namespace Remedora.Storage;

/// <summary>Creates the <see cref="ContinuationTokenProtector"/> at start, so its key source (or the warning about a per-process key) is logged when the host starts.</summary>
internal sealed class ContinuationTokenKeyCheck(ContinuationTokenProtector protector) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(protector);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
