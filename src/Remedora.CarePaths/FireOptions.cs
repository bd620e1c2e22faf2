namespace Remedora.CarePaths;

/// <summary>Options of one command.</summary>
public sealed record FireOptions
{
    /// <summary>
    /// Gets the idempotency key: a retry by the same actor with the same key on the same case returns the first outcome
    /// and never moves the case twice. Keys are scoped to the case and the actor: another actor's use of a key is a fresh command.
    /// </summary>
    /// <value>1 to 100 characters; <see langword="null"/> for none.</value>
    public string? IdempotencyKey { get; init; }

    /// <summary>Gets the version of the case the caller decided on; a different stored version is a <see cref="FireStatus.Conflict"/>.</summary>
    /// <value><see langword="null"/> (the default) to act on the version read by the command itself.</value>
    public long? ExpectedVersion { get; init; }
}
