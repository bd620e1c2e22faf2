namespace Remedora;

/// <summary>
/// The base of every exception the SDK throws for an outcome a caller must handle. <see cref="Code"/> is stable
/// across versions (see <see cref="RemedoraErrorCodes"/>), <see cref="Category"/> says what kind of outcome it is (an
/// HTTP layer maps it without a table of exception types); the message says what was wrong and what to do, and never
/// carries patient data.
/// </summary>
public abstract class RemedoraException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RemedoraException"/> class.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="category">What kind of outcome this is.</param>
    /// <param name="message">What was wrong and what to do; identifiers only, never patient data.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    protected RemedoraException(string code, RemedoraErrorCategory category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category.");
        }

        Code = code;
        Category = category;
    }

    /// <summary>Gets the stable error code, for example <c>remedora.concurrency_conflict</c>.</summary>
    public string Code { get; }

    /// <summary>Gets what kind of outcome this is: not found, conflict, validation, forbidden or unavailable.</summary>
    public RemedoraErrorCategory Category { get; }
}
