using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>The failure <see cref="CommitFailureInjector"/> throws.</summary>
public sealed class CommitFailureInjectedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="CommitFailureInjectedException"/> class.</summary>
    /// <param name="step">The step after which the commit failed.</param>
    public CommitFailureInjectedException(CommitStep step)
        : base($"A failure was injected after commit step {step}.")
    {
        Step = step;
    }

    /// <summary>Gets the step after which the commit failed.</summary>
    public CommitStep Step { get; }
}
