using Remedora.Clinical;

namespace Remedora.Intake.Engine;

/// <summary>Answers the questions a care path asks of a set of red flags.</summary>
public static class RedFlagSummary
{
    /// <summary>Gets the most serious severity among the flags.</summary>
    /// <param name="flags">The flags.</param>
    /// <returns>The highest severity; <see langword="null"/> when there are no flags.</returns>
    public static RedFlagSeverity? HighestSeverity(IEnumerable<RedFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        RedFlagSeverity? highest = null;
        foreach (var flag in flags)
        {
            if (highest is null || flag.Severity > highest)
            {
                highest = flag.Severity;
            }
        }

        return highest;
    }

    /// <summary>Determines whether the flags forbid approving the case asynchronously.</summary>
    /// <param name="flags">The flags.</param>
    /// <returns>
    /// <see langword="true"/> when any flag is <see cref="RedFlagSeverity.Critical"/> (the highest severity) or asks to
    /// refuse asynchronous care.
    /// </returns>
    public static bool BlocksAsyncApproval(IEnumerable<RedFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return flags.Any(f => f.Severity == RedFlagSeverity.Critical || f.Action == RedFlagAction.RefuseAsyncCare);
    }

    /// <summary>Determines whether the flags ask for the case to move to a live visit.</summary>
    /// <param name="flags">The flags.</param>
    /// <returns><see langword="true"/> when any flag's action is <see cref="RedFlagAction.EscalateToLiveVisit"/>.</returns>
    public static bool RequiresLiveVisit(IEnumerable<RedFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(flags);
        return flags.Any(f => f.Action == RedFlagAction.EscalateToLiveVisit);
    }
}
