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

    /// <summary>The <see cref="FhirValidationIssue.Code"/> of a string longer than R4's 1,048,576 characters.</summary>
    public const int StringTooLongIssue = 90001;

    /// <summary>The <see cref="FhirValidationIssue.Code"/> of text that is not a FHIR R4 resource in the format given (the report's other errors say where, without values).</summary>
    public const int NotParsedIssue = 90002;

    /// <summary>The <see cref="FhirValidationIssue.Code"/> of a resource the validator could not check (it failed on it); the resource is not known to be valid.</summary>
    public const int ValidatorFailedIssue = 90003;

    /// <summary>The <see cref="FhirValidationIssue.Code"/> of items nested deeper than <see cref="Intake.FormDefinition.MaxItemDepth"/>; the resource is not checked further.</summary>
    public const int NestingTooDeepIssue = 90004;

    /// <summary>The most characters of a FHIR R4 <c>string</c> (1 MB).</summary>
    public const int MaxStringLength = 1_048_576;

    /// <summary>Validates a resource against base R4. Never throws for the resource's content: what cannot be checked is an error of the report.</summary>
    /// <param name="resource">The resource.</param>
    /// <returns>The report.</returns>
    public FhirValidationReport Validate(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var resourceType = resource.TypeName ?? "Resource";
        var own = new List<FhirValidationIssue>();
        string json;
        try
        {
            json = FhirFormats.ToJson(resource);
        }
#pragma warning disable CA1031 // Whatever the resource holds, the answer is a report; the exception's message can quote values and is not kept.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Failed(resourceType, ValidatorFailedIssue, resourceType, $"The resource cannot be written as FHIR JSON ({ex.GetType().Name}); it was not validated.");
        }

        if (Questionnaires.ItemNesting.FindTooDeepJson(json) is { } deep)
        {
            return Failed(resourceType, NestingTooDeepIssue, deep, $"The items are nested deeper than {Intake.FormDefinition.MaxItemDepth} levels; the resource was not validated further.");
        }

        try
        {
            FindOversizeStrings(System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 4096 }), resourceType, own);
        }
        catch (System.Text.Json.JsonException)
        {
            return Failed(resourceType, NestingTooDeepIssue, resourceType, "The resource is nested too deeply to be validated.");
        }

        OperationOutcome outcome;
        try
        {
            lock (_gate)
            {
                outcome = _validator.Validate(resource);
            }
        }
#pragma warning disable CA1031 // The validator's own failures become an error of the report; its message can quote values and is not kept.
        catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            own.Add(new FhirValidationIssue(FhirIssueSeverity.Error, ValidatorFailedIssue, resourceType, $"The validator failed on the resource ({ex.GetType().Name}); it is not known to be valid."));
            return new FhirValidationReport(resourceType, own, [], []);
        }

        var report = ToReport(resourceType, outcome);
        return own.Count == 0 ? report : new FhirValidationReport(resourceType, [.. own, .. report.Errors], report.Warnings, report.UnresolvedProfiles);
    }

    /// <summary>Parses a resource in FHIR JSON and validates it against base R4; text that is not a FHIR R4 resource is a report with errors, never an exception.</summary>
    /// <param name="json">The resource in FHIR R4 JSON.</param>
    /// <returns>The report; <see cref="FhirValidationReport.ResourceType"/> is <c>Resource</c> when the text could not be parsed.</returns>
    public FhirValidationReport ValidateJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Validate(FhirFormats.ParseJson<Resource>(json));
        }
        catch (FhirFormatException ex)
        {
            return NotParsed(ex, "JSON");
        }
    }

    /// <summary>Parses a resource in FHIR XML and validates it against base R4; text that is not a FHIR R4 resource is a report with errors, never an exception.</summary>
    /// <param name="xml">The resource in FHIR R4 XML.</param>
    /// <returns>The report; <see cref="FhirValidationReport.ResourceType"/> is <c>Resource</c> when the text could not be parsed.</returns>
    public FhirValidationReport ValidateXml(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            return Validate(FhirFormats.ParseXml<Resource>(xml));
        }
        catch (FhirFormatException ex)
        {
            return NotParsed(ex, "XML");
        }
    }

    private static FhirValidationReport Failed(string resourceType, int code, string location, string message)
        => new(resourceType, [new FhirValidationIssue(FhirIssueSeverity.Error, code, location, message)], [], []);

    private static FhirValidationReport NotParsed(FhirFormatException exception, string format)
    {
        // The exception's message and errors carry no values of the text; neither does the report.
        var errors = new List<FhirValidationIssue> { new(FhirIssueSeverity.Error, NotParsedIssue, "Resource", $"The text is not a FHIR R4 resource in {format}: {exception.Message}") };
        errors.AddRange(exception.Errors.Select(e => new FhirValidationIssue(FhirIssueSeverity.Error, NotParsedIssue, e.Path, $"Rule {e.Code} is broken here.")));
        return new FhirValidationReport("Resource", errors, [], []);
    }

    /// <summary>Adds an error for every string value longer than <see cref="MaxStringLength"/>, at its FHIR path; walked without recursion.</summary>
    private static void FindOversizeStrings(System.Text.Json.Nodes.JsonNode? root, string resourceType, List<FhirValidationIssue> issues)
    {
        var pending = new Stack<(System.Text.Json.Nodes.JsonNode? Node, string Path)>();
        pending.Push((root, resourceType));
        while (pending.Count > 0)
        {
            var (node, path) = pending.Pop();
            switch (node)
            {
                case System.Text.Json.Nodes.JsonObject obj:
                    foreach (var (name, child) in obj.Reverse())
                    {
                        pending.Push((child, name == "resourceType" ? path : $"{path}.{name}"));
                    }

                    break;
                case System.Text.Json.Nodes.JsonArray array:
                    for (var i = array.Count - 1; i >= 0; i--)
                    {
                        pending.Push((array[i], $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]"));
                    }

                    break;
                case System.Text.Json.Nodes.JsonValue value when value.TryGetValue<string>(out var text) && text.Length > MaxStringLength:
                    issues.Add(new FhirValidationIssue(FhirIssueSeverity.Error, StringTooLongIssue, path, $"The string is longer than the {MaxStringLength.ToString("N0", CultureInfo.InvariantCulture)} characters FHIR R4 allows."));
                    break;
                default:
                    break;
            }
        }
    }

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
