namespace Remedora.Audit;

/// <summary>The stable error codes of the audit package.</summary>
public static class AuditErrorCodes
{
    /// <summary>A checkpoint is malformed, belongs to another tenant, or its signature does not verify.</summary>
    public const string CheckpointInvalid = "remedora.audit.checkpoint_invalid";

    /// <summary>Checkpoints were requested but no signing key is configured.</summary>
    public const string CheckpointSignerMissing = "remedora.audit.checkpoint_signer_missing";
}

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

/// <summary>A checkpoint was requested but no signing key is configured.</summary>
public sealed class AuditCheckpointSignerMissingException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="AuditCheckpointSignerMissingException"/> class.</summary>
    public AuditCheckpointSignerMissingException()
        : base(AuditErrorCodes.CheckpointSignerMissing, RemedoraErrorCategory.Unavailable, "Audit checkpoints need a signing key: set AuditOptions.CheckpointKeyId and CheckpointKeys, or register an IAuditCheckpointSigner (for example one backed by your key management service).")
    {
    }
}
