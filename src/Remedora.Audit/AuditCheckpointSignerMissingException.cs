namespace Remedora.Audit;

/// <summary>A checkpoint was requested but no signing key is configured.</summary>
public sealed class AuditCheckpointSignerMissingException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="AuditCheckpointSignerMissingException"/> class.</summary>
    public AuditCheckpointSignerMissingException()
        : base(AuditErrorCodes.CheckpointSignerMissing, RemedoraErrorCategory.Unavailable, "Audit checkpoints need a signing key: set AuditOptions.CheckpointKeyId and CheckpointKeys, or register an IAuditCheckpointSigner (for example one backed by your key management service).")
    {
    }
}
