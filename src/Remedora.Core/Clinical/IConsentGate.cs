namespace Remedora.Clinical;

/// <summary>
/// Answers whether a patient has an active consent of a kind, so care paths can refuse to proceed without it (for
/// example "telehealth consent must be active for this tenant and jurisdiction"). Intake implements it.
/// </summary>
public interface IConsentGate
{
    /// <summary>Checks for an active consent.</summary>
    /// <param name="request">What to check.</param>
    /// <param name="cancellationToken">A token to cancel the check.</param>
    /// <returns>The result.</returns>
    ValueTask<ConsentCheckResult> CheckAsync(ConsentCheckRequest request, CancellationToken cancellationToken = default);
}
