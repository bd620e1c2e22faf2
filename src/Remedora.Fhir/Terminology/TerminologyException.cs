namespace Remedora.Fhir.Terminology;

/// <summary>
/// A value set could not be expanded: it uses a construct the expander does not support, the terminology server
/// answered with an error or did not answer in time, or the expansion has more concepts than allowed. The message names
/// the value set's canonical URL and the reason (an OperationOutcome's issue codes, an HTTP status), never answers.
/// </summary>
public sealed class TerminologyException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.terminology_failed";

    /// <summary>Initializes a new instance of the <see cref="TerminologyException"/> class.</summary>
    /// <param name="canonical">The value set that could not be expanded.</param>
    /// <param name="reason">A stable reason from <see cref="TerminologyFailureReasons"/>.</param>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="innerException">The transport's exception, when there was one (it holds no answers).</param>
    public TerminologyException(string canonical, string reason, string message, Exception? innerException = null)
        : base(ErrorCode, RemedoraErrorCategory.Unavailable, message, innerException)
    {
        Canonical = canonical;
        Reason = reason;
    }

    /// <summary>Gets the canonical URL of the value set.</summary>
    public string Canonical { get; }

    /// <summary>Gets the reason, one of <see cref="TerminologyFailureReasons"/>.</summary>
    public string Reason { get; }
}
