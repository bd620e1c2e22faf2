namespace Remedora.Audit.Proofs;

/// <summary>
/// A proof is malformed, or a proof cannot be produced: the record or tree size is outside the log, or the log's tree
/// is not complete up to the size asked (another host is still integrating or backfilling it).
/// </summary>
public sealed class AuditProofInvalidException : RemedoraException
{
    /// <summary>The error code.</summary>
    public const string ErrorCode = "remedora.audit.proof_invalid";

    /// <summary>Initializes a new instance of the <see cref="AuditProofInvalidException"/> class.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The parsing error, if any.</param>
    public AuditProofInvalidException(string message, Exception? innerException = null)
        : base(ErrorCode, RemedoraErrorCategory.Validation, message, innerException)
    {
    }
}
