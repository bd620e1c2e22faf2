namespace Remedora.Audit;

/// <summary>A checkpoint is malformed, belongs to another tenant, or its signature does not verify.</summary>
public sealed class AuditCheckpointInvalidException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="AuditCheckpointInvalidException"/> class.</summary>
    /// <param name="message">What is wrong with the checkpoint and what to do.</param>
    /// <param name="innerException">The parsing error, if any.</param>
    public AuditCheckpointInvalidException(string message, Exception? innerException = null)
        : base(AuditErrorCodes.CheckpointInvalid, RemedoraErrorCategory.Validation, message, innerException)
    {
    }
}
