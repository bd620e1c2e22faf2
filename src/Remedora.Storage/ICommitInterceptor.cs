namespace Remedora.Storage;

/// <summary>
/// Runs inside a commit's transaction after each <see cref="CommitStep"/>. Throwing aborts the commit and nothing of
/// the unit of work is written, which is how the conformance suite proves atomicity.
/// </summary>
public interface ICommitInterceptor
{
    /// <summary>Called after a step of a commit, inside its transaction.</summary>
    /// <param name="tenantId">The session's tenant.</param>
    /// <param name="step">The step that just completed.</param>
    /// <param name="cancellationToken">The commit's cancellation token.</param>
    /// <returns>A task that completes when the interceptor is done.</returns>
    ValueTask AfterStepAsync(TenantId tenantId, CommitStep step, CancellationToken cancellationToken);
}
