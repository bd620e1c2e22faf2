namespace Remedora.Fhir.Terminology;

/// <summary>The stable reasons of a <see cref="TerminologyException"/>.</summary>
public static class TerminologyFailureReasons
{
    /// <summary>The value set uses a construct the expander cannot expand (a filter, an import, a whole code system it does not hold).</summary>
    public const string NotSupported = "not-supported";

    /// <summary>The terminology server answered with an error (an OperationOutcome or an HTTP error status).</summary>
    public const string ServerError = "server-error";

    /// <summary>The terminology server did not answer within the timeout, or could not be reached.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>The terminology server answered with something that is not a FHIR R4 ValueSet.</summary>
    public const string InvalidResponse = "invalid-response";

    /// <summary>The expansion has more concepts than the expander allows.</summary>
    public const string TooLarge = "too-large";
}
