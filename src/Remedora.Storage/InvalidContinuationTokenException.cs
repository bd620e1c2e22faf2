namespace Remedora.Storage;

/// <summary>
/// A continuation token was not one this entry point handed to this actor for this query: it was altered, truncated,
/// forged, or replayed by another actor or with another query. The message says only how to page correctly.
/// </summary>
public sealed class InvalidContinuationTokenException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="InvalidContinuationTokenException"/> class.</summary>
    public InvalidContinuationTokenException()
        : base(StorageErrorCodes.InvalidContinuationToken, RemedoraErrorCategory.Validation, "The continuation token is not valid here: pass the token of the previous page of the same query unchanged, as the same actor, or start again without a token.")
    {
    }
}
