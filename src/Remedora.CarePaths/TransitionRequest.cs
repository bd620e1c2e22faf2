using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>What <see cref="CarePathDefinition.Fire"/> is asked to do.</summary>
/// <param name="Case">The case.</param>
/// <param name="Facts">The case's facts.</param>
/// <param name="Actor">Who fires.</param>
/// <param name="Trigger">The trigger.</param>
/// <param name="Argument">The trigger's argument, or <see langword="null"/> for a trigger without one.</param>
/// <param name="Now">The time of the firing.</param>
public sealed record TransitionRequest(CareCase Case, CaseFacts Facts, ActorContext Actor, PathTrigger Trigger, object? Argument, DateTimeOffset Now)
{
    /// <summary>Gets the result of the consent check for the destination (see <see cref="CarePathDefinition.GetRequiredConsent"/>).</summary>
    public ConsentCheckResult? Consent { get; init; }
}
