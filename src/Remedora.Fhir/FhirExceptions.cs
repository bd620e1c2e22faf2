using Hl7.Fhir.Serialization;

namespace Remedora.Fhir;

/// <summary>Text is not the FHIR R4 resource expected, in JSON or XML.</summary>
public sealed class FhirFormatException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.invalid_format";

    /// <summary>Initializes a new instance of the <see cref="FhirFormatException"/> class.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public FhirFormatException(string message, Exception? innerException = null)
        : base(ErrorCode, message, innerException)
    {
    }

    internal static FhirFormatException Invalid(Type expected, string format, Exception inner)
    {
        // The parser's messages can quote values of the resource (patient data): only codes and counts go in the message;
        // the parser's exception is kept as the inner exception for the caller to inspect.
        var detail = inner is DeserializationFailedException failed
            ? $"{failed.Exceptions.Count} problem{(failed.Exceptions.Count == 1 ? string.Empty : "s")}, codes {string.Join(", ", failed.Exceptions.Select(e => e.ErrorCode).Distinct().Take(5))}"
            : inner.GetType().Name;
        return new($"The {format} text is not a valid FHIR R4 {expected.Name} ({detail}). Check it against the FHIR R4 {format} format.", inner);
    }

    internal static FhirFormatException WrongType(Type expected, string? actual, string format)
        => new($"The {format} text is a FHIR {actual ?? "resource of no known type"}, not a {expected.Name}. Pass a {expected.Name}.");
}

/// <summary>The FHIR R4 <c>specification.zip</c> the validator needs is not where it was looked for.</summary>
public sealed class FhirSpecificationNotFoundException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.specification_not_found";

    /// <summary>Initializes a new instance of the <see cref="FhirSpecificationNotFoundException"/> class.</summary>
    /// <param name="path">Where the file was looked for.</param>
    public FhirSpecificationNotFoundException(string path)
        : base(ErrorCode, $"The FHIR R4 specification file '{path}' does not exist. Reference the Hl7.Fhir.Specification.Data.R4 package from the application (it copies specification.zip to the output directory) or pass the file's path.")
    {
        Path = path;
    }

    /// <summary>Gets where the file was looked for.</summary>
    public string Path { get; }
}
