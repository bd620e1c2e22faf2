using System.Globalization;
using System.Text.RegularExpressions;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Remedora.Fhir.Validation;

/// <summary>
/// Validates FHIR R4 resources offline against the base specification (the <c>specification.zip</c> shipped by
/// Hl7.Fhir.Specification.Data.R4), with the Firely validator. Profiles and extension definitions that are not part of
/// the base specification (for example SDC's) are reported in <see cref="FhirValidationReport.UnresolvedProfiles"/>,
/// apart from real errors.
/// </summary>
/// <remarks>
/// Loading the specification and compiling its schemas is expensive (seconds on first use of each resource type): create
/// one validator per application (or test run) and share it. It is safe to use from several threads; validations run
/// one at a time.
/// </remarks>
public sealed partial class FhirValidator
{
    private const int UnresolvedProfileIssue = 4000;
    private const int UnresolvedExtensionIssue = 4009;

    private readonly Validator _validator;
    private readonly Lock _gate = new();

    /// <summary>
    /// Initializes a new instance of the <see cref="FhirValidator"/> class with the <c>specification.zip</c> in the
    /// application's base directory (copied there by the Hl7.Fhir.Specification.Data.R4 package).
    /// </summary>
    /// <exception cref="FhirSpecificationNotFoundException">The file is not in the application's base directory.</exception>
    public FhirValidator()
        : this(Path.Combine(AppContext.BaseDirectory, "specification.zip"))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FhirValidator"/> class with a given specification file.</summary>
    /// <param name="specificationZipPath">The path of the R4 <c>specification.zip</c>.</param>
    /// <exception cref="FhirSpecificationNotFoundException">The file does not exist.</exception>
    public FhirValidator(string specificationZipPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(specificationZipPath);
        if (!File.Exists(specificationZipPath))
        {
            throw new FhirSpecificationNotFoundException(specificationZipPath);
        }

        var resolver = new CachedResolver(ZipSource.CreateValidationSource(specificationZipPath));
        var terminology = LocalTerminologyService.CreateDefaultForCore(resolver);
        _validator = new Validator(resolver, terminology, null, null);
    }

    /// <summary>Validates a resource against base R4.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The report.</returns>
    public FhirValidationReport Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        OperationOutcome outcome;
        lock (_gate)
        {
            outcome = _validator.Validate(resource);
        }

        return ToReport(resource.TypeName, outcome);
    }

    /// <summary>Parses a resource in FHIR JSON and validates it against base R4.</summary>
    /// <param name="json">The resource in FHIR R4 JSON.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 resource in JSON.</exception>
    public FhirValidationReport ValidateJson(string json) => Validate(FhirFormats.ParseJson<Resource>(json));

    /// <summary>Parses a resource in FHIR XML and validates it against base R4.</summary>
    /// <param name="xml">The resource in FHIR R4 XML.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 resource in XML.</exception>
    public FhirValidationReport ValidateXml(string xml) => Validate(FhirFormats.ParseXml<Resource>(xml));

    internal static FhirValidationReport ToReport(string resourceType, OperationOutcome outcome)
    {
        var errors = new List<FhirValidationIssue>();
        var warnings = new List<FhirValidationIssue>();
        var unresolved = new List<FhirUnresolvedProfile>();
        foreach (var issue in outcome.Issue)
        {
            var code = IssueNumber(issue);
            var location = issue.Expression.FirstOrDefault() ?? issue.Location.FirstOrDefault() ?? resourceType;
            var message = issue.Details?.Text ?? issue.Diagnostics ?? string.Empty;
            if (code is UnresolvedProfileIssue or UnresolvedExtensionIssue && QuotedCanonical().Match(message) is { Success: true } m)
            {
                unresolved.Add(new FhirUnresolvedProfile(m.Groups[1].Value, location, code == UnresolvedProfileIssue ? FhirProfileKind.Profile : FhirProfileKind.Extension));
                continue;
            }

            switch (issue.Severity)
            {
                case OperationOutcome.IssueSeverity.Fatal:
                case OperationOutcome.IssueSeverity.Error:
                    errors.Add(new FhirValidationIssue(FhirIssueSeverity.Error, code, location, message));
                    break;
                case OperationOutcome.IssueSeverity.Warning:
                    warnings.Add(new FhirValidationIssue(FhirIssueSeverity.Warning, code, location, message));
                    break;
                default:
                    warnings.Add(new FhirValidationIssue(FhirIssueSeverity.Information, code, location, message));
                    break;
            }
        }

        return new FhirValidationReport(resourceType, errors, warnings, unresolved);
    }

    private static int IssueNumber(OperationOutcome.IssueComponent issue)
    {
        foreach (var coding in issue.Details?.Coding ?? [])
        {
            if (int.TryParse(coding.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }
        }

        return 0;
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedCanonical();
}
