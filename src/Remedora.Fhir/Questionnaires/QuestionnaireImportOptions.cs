namespace Remedora.Fhir.Questionnaires;

/// <summary>Options of the Questionnaire import.</summary>
public sealed class QuestionnaireImportOptions
{
    /// <summary>Gets or sets the url given to a Questionnaire that has none.</summary>
    /// <value>The default is <see langword="null"/>: <c>urn:remedora:questionnaire:{id}</c> from the resource id.</value>
    public string? FallbackUrl { get; set; }

    /// <summary>Gets or sets the version given to a Questionnaire that has none (a submission records the exact version it answered).</summary>
    /// <value>The default is <c>0.0.0</c>.</value>
    public string FallbackVersion { get; set; } = "0.0.0";

    /// <summary>
    /// Gets the names of launch-context variables the application supplies; an expression that uses another
    /// <c>%name</c> that is not a variable of the form is reported as <see cref="QuestionnaireImportIssueCodes.LaunchContextRequired"/>.
    /// </summary>
    /// <value>The default is empty: launch contexts are not supported by the engine.</value>
    public ISet<string> SupportedLaunchContexts { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Gets or sets a value indicating whether the import refuses small defects instead of repairing them: a number or
    /// boolean written as a string, a time in an integer element, an id or uri that breaks its R4 format (refused with
    /// <see cref="FhirFormatException"/>, each error naming the path and the rule), and a missing url when no
    /// <see cref="FallbackUrl"/> is set (an error issue, <see cref="QuestionnaireImportIssueCodes.UrlAssigned"/>).
    /// </summary>
    /// <value>The default is <see langword="false"/>: each repair is reported as a warning issue with its FHIR path and a code.</value>
    public bool Strict { get; set; }
}
