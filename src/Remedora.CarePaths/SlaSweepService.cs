using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Remedora.CarePaths;

/// <summary>Runs <see cref="SlaSweeper.SweepAsync"/> every <see cref="CarePathsOptions.SweepInterval"/> while the host runs.</summary>
internal sealed class SlaSweepService : BackgroundService
{
    private readonly SlaSweeper _sweeper;
    private readonly TimeProvider _time;
    private readonly CarePathsOptions _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SlaSweepService"/> class.</summary>
    /// <param name="sweeper">The sweeper.</param>
    /// <param name="timeProvider">The clock that paces the sweeps.</param>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    public SlaSweepService(SlaSweeper sweeper, TimeProvider timeProvider, IOptions<CarePathsOptions> options, ILogger<SlaSweepService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sweeper);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _sweeper = sweeper;
        _time = timeProvider;
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RunSlaSweep)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CarePathsLog.SweepFailed(_logger, ex.GetType().Name);
            }

            try
            {
                await Task.Delay(_options.SweepInterval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
