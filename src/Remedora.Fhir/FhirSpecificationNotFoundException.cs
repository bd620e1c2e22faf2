namespace Remedora.Fhir;

/// <summary>The FHIR R4 <c>specification.zip</c> the validator needs is not where it was looked for.</summary>
public sealed class FhirSpecificationNotFoundException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.specification_not_found";

    /// <summary>Initializes a new instance of the <see cref="FhirSpecificationNotFoundException"/> class.</summary>
    /// <param name="path">Where the file was looked for.</param>
    public FhirSpecificationNotFoundException(string path)
        : base(ErrorCode, RemedoraErrorCategory.Unavailable, $"The FHIR R4 specification file '{path}' does not exist. Reference the Hl7.Fhir.Specification.Data.R4 package from the application (it copies specification.zip to the output directory) or pass the file's path.")
    {
        Path = path;
    }

    /// <summary>Gets where the file was looked for.</summary>
    public string Path { get; }
}
