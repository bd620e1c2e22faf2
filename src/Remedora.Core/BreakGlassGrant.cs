namespace Remedora;

/// <summary>An emergency-access grant: the stated reason and when it began.</summary>
/// <param name="Reason">Why ordinary access was not enough.</param>
/// <param name="StartedAt">When the actor invoked break-glass.</param>
public sealed record BreakGlassGrant(string Reason, DateTimeOffset StartedAt);
