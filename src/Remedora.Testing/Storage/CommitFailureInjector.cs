using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>A commit interceptor that records every step it sees and throws after a chosen step, once.</summary>
public sealed class CommitFailureInjector : ICommitInterceptor
{
    private readonly Lock _gate = new();
    private readonly List<(TenantId TenantId, CommitStep Step)> _seen = [];
    private (TenantId TenantId, CommitStep Step)? _armed;

    /// <summary>Gets the steps seen so far, in order.</summary>
    public IReadOnlyList<(TenantId TenantId, CommitStep Step)> Seen
    {
        get
        {
            lock (_gate)
            {
                return _seen.ToArray();
            }
        }
    }

    /// <summary>Makes the next commit of <paramref name="tenantId"/> fail after <paramref name="step"/>.</summary>
    /// <param name="tenantId">The tenant whose commit fails.</param>
    /// <param name="step">The step after which it fails.</param>
    public void FailAfter(TenantId tenantId, CommitStep step)
    {
        lock (_gate)
        {
            _armed = (tenantId, step);
        }
    }

    /// <inheritdoc/>
    public ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _seen.Add((tenantId, step));
            if (_armed is { } armed && armed.TenantId == tenantId && armed.Step == step)
            {
                _armed = null;
                throw new CommitFailureInjectedException(step);
            }
        }

        return ValueTask.CompletedTask;
    }
}
