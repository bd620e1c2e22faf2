namespace Remedora.Intake.Expressions;

/// <summary>The media types of the expression languages the SDK knows by name.</summary>
public static class ExpressionLanguages
{
    /// <summary>FHIRPath (<c>text/fhirpath</c>), implemented by Remedora.Fhir.</summary>
    public const string FhirPath = "text/fhirpath";

    /// <summary>Clinical Quality Language (<c>text/cql</c>); no implementation ships with the SDK.</summary>
    public const string Cql = "text/cql";

    /// <summary>A FHIR query (<c>application/x-fhir-query</c>); needs a FHIR server, so no implementation ships with the SDK.</summary>
    public const string FhirQuery = "application/x-fhir-query";

    /// <summary>A C# delegate built into the form (<c>application/x-remedora-delegate</c>), always available.</summary>
    public const string Delegate = "application/x-remedora-delegate";
}
