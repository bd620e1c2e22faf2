namespace Remedora.Access;

/// <summary>
/// Decides whether an actor may perform an action on a record. Every SDK entry point that reads or writes patient
/// data asks it first. Replace the default (<see cref="DefaultAccessPolicy"/>) by registering your own before
/// calling <c>AddRemedora</c>.
/// </summary>
public interface IAccessPolicy
{
    /// <summary>Evaluates a request.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">A token to cancel the evaluation.</param>
    /// <returns>The decision.</returns>
    ValueTask<AccessDecision> EvaluateAsync(AccessRequest request, CancellationToken cancellationToken = default);
}
