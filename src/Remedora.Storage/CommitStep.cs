namespace Remedora.Storage;

/// <summary>A step of a commit, after which <see cref="ICommitInterceptor"/>s run.</summary>
public enum CommitStep
{
    /// <summary>Documents were written.</summary>
    Documents = 0,

    /// <summary>Audit records were appended.</summary>
    Audit = 1,

    /// <summary>Outbox messages, queue items and lease completions were written.</summary>
    Outbox = 2,
}
