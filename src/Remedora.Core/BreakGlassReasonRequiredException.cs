namespace Remedora;

/// <summary>Break-glass (emergency) access was requested without a reason.</summary>
public sealed class BreakGlassReasonRequiredException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="BreakGlassReasonRequiredException"/> class.</summary>
    public BreakGlassReasonRequiredException()
        : base(RemedoraErrorCodes.BreakGlassReasonRequired, RemedoraErrorCategory.Validation, "Break-glass access needs a reason: state why ordinary access is not enough (it is recorded in the audit log).")
    {
    }
}
