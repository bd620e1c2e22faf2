namespace Remedora.Audit;

/// <summary>The stable error codes of the audit package.</summary>
public static class AuditErrorCodes
{
    /// <summary>A checkpoint is malformed, belongs to another tenant, or its signature does not verify.</summary>
    public const string CheckpointInvalid = "remedora.audit.checkpoint_invalid";

    /// <summary>Checkpoints were requested but no signing key is configured.</summary>
    public const string CheckpointSignerMissing = "remedora.audit.checkpoint_signer_missing";
}
