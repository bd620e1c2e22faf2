namespace Remedora.CarePaths;

/// <summary>Starts a timer that fires <paramref name="Trigger"/> at <paramref name="Deadline"/> unless the case has left the state by then.</summary>
/// <param name="Trigger">The timeout trigger (without an argument).</param>
/// <param name="Deadline">When it fires.</param>
public sealed record StartTimer(PathTrigger Trigger, DateTimeOffset Deadline) : PathEffect;
