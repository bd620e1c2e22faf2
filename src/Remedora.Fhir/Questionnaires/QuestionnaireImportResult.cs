using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Whether a <see cref="QuestionnaireImportIssue"/> means the form behaves differently from the Questionnaire.</summary>
public enum ImportIssueSeverity
{
    /// <summary>Something the Questionnaire asks for is not done by the imported form (for example an expression that needs a FHIR server); it is kept for export, but not evaluated.</summary>
    Error = 0,

    /// <summary>The form behaves as the Questionnaire says, with less checking or with a value assigned (for example answers not checked against an external value set).</summary>
    Warning = 1,
}

/// <summary>Something of a Questionnaire that could not be imported as it is, with where it is and why.</summary>
/// <param name="Path">Where, for example <c>item[bmi].extension[calculatedExpression]</c>.</param>
/// <param name="Code">A stable code from <see cref="QuestionnaireImportIssueCodes"/>.</param>
/// <param name="Message">What is not supported and what to do.</param>
/// <param name="Severity">Whether the form behaves differently.</param>
public sealed record QuestionnaireImportIssue(string Path, string Code, string Message, ImportIssueSeverity Severity);

/// <summary>The stable codes of <see cref="QuestionnaireImportIssue"/>s.</summary>
public static class QuestionnaireImportIssueCodes
{
    /// <summary>The Questionnaire has no url; one was assigned (warning), or none could be (error).</summary>
    public const string UrlAssigned = "url-assigned";

    /// <summary>The Questionnaire has no version; the fallback version was assigned (warning).</summary>
    public const string VersionAssigned = "version-assigned";

    /// <summary>An answerValueSet names a value set that is not contained; answers are not checked against it (warning).</summary>
    public const string ExternalValueSet = "external-value-set";

    /// <summary>The terminology source does not know an external answer value set (warning): answers are not checked against it. Given by <see cref="Terminology.ValueSetResolver"/>.</summary>
    public const string ValueSetNotFound = "value-set-not-found";

    /// <summary>An external answer value set could not be expanded (unsupported construct, server error, timeout, too large) (warning): answers are not checked against it. Given by <see cref="Terminology.ValueSetResolver"/>.</summary>
    public const string ValueSetExpansionFailed = "value-set-expansion-failed";

    /// <summary>A contained value set is not an enumerated list of concepts (filters, imports, whole code systems): it cannot be used without a terminology source.</summary>
    public const string ValueSetNotEnumerable = "value-set-not-enumerable";

    /// <summary>An expression is a FHIR query (<c>application/x-fhir-query</c>), which needs a FHIR server.</summary>
    public const string FhirQueryNeedsServer = "fhir-query-needs-server";

    /// <summary>An expression uses a launch-context variable (for example <c>%patient</c>), which needs an SDC launch.</summary>
    public const string LaunchContextRequired = "launch-context-required";

    /// <summary>An expression is in a language other than FHIRPath (for example CQL).</summary>
    public const string ExpressionLanguageUnsupported = "expression-language-unsupported";

    /// <summary>An expression is not valid FHIRPath.</summary>
    public const string ExpressionInvalid = "expression-invalid";

    /// <summary>An answerExpression (answers computed at run time) is not evaluated; answers are not restricted by it.</summary>
    public const string AnswerExpressionUnsupported = "answer-expression-unsupported";

    /// <summary>A value (initial value, answer option, enableWhen answer, minimum, maximum) does not fit the item's type, or the item type is unknown.</summary>
    public const string TypeMismatch = "type-mismatch";

    /// <summary>An extension the mapping interprets has a value it cannot read; it is kept as an uninterpreted extension.</summary>
    public const string ExtensionValueInvalid = "extension-value-invalid";

    /// <summary>A number was written as a JSON string (<c>"1"</c>); it was read as the number (warning), or refused in strict mode.</summary>
    public const string NumberAsString = "number-as-string";

    /// <summary>A boolean was written as a JSON string (<c>"true"</c>); it was read as the boolean (warning), or refused in strict mode.</summary>
    public const string BooleanAsString = "boolean-as-string";

    /// <summary>An integer element (<c>answerInteger</c>, <c>valueInteger</c>) holds a time; it was read as the time element (warning), or refused in strict mode.</summary>
    public const string TimeAsInteger = "time-as-integer";

    /// <summary>An id (for example a variable name with <c>_</c>) breaks the R4 id format; it was kept as written (warning), or refused in strict mode.</summary>
    public const string IdInvalid = "id-invalid";

    /// <summary>A uri (for example <c>http://loinc.org|2.80</c>) holds characters R4 does not allow; it was kept as written (warning), or refused in strict mode.</summary>
    public const string UriInvalid = "uri-invalid";

    /// <summary>An element would not survive export unchanged (the model cannot hold it as written).</summary>
    public const string NotPreserved = "not-preserved";
}

/// <summary>The form definition imported from a Questionnaire, and what could not be imported as it is.</summary>
public sealed class QuestionnaireImportResult
{
    internal QuestionnaireImportResult(FormDefinition definition, IReadOnlyList<QuestionnaireImportIssue> issues)
    {
        Definition = definition;
        Issues = issues;
    }

    /// <summary>Gets the form definition. Parts that could not be imported are kept as uninterpreted extensions, so they are exported again.</summary>
    public FormDefinition Definition { get; }

    /// <summary>Gets what could not be imported as it is, in document order.</summary>
    public IReadOnlyList<QuestionnaireImportIssue> Issues { get; }

    /// <summary>Gets a value indicating whether an issue means the form behaves differently from the Questionnaire.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == ImportIssueSeverity.Error);

    /// <summary>Throws when the form behaves differently from the Questionnaire.</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="QuestionnaireImportException">At least one issue is an error.</exception>
    public FormDefinition GetDefinitionOrThrow() => HasErrors ? throw new QuestionnaireImportException(Definition.Reference, Issues) : Definition;

    /// <summary>Describes the counts only.</summary>
    /// <returns>For example <c>https://forms.example.org/phq-9|1.0.0: 0 errors, 1 warning</c>.</returns>
    public override string ToString()
        => $"{Definition.Reference}: {Issues.Count(i => i.Severity == ImportIssueSeverity.Error)} errors, {Issues.Count(i => i.Severity == ImportIssueSeverity.Warning)} warnings";
}

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

/// <summary>A Questionnaire was imported with errors and the caller asked for a definition that behaves as the Questionnaire says.</summary>
public sealed class QuestionnaireImportException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.questionnaire_import_incomplete";

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireImportException"/> class.</summary>
    /// <param name="form">The definition's reference.</param>
    /// <param name="issues">The issues, at least one an error.</param>
    public QuestionnaireImportException(FormVersionReference form, IReadOnlyList<QuestionnaireImportIssue> issues)
        : base(ErrorCode, RemedoraErrorCategory.Validation, BuildMessage(form, issues))
    {
        Form = form;
        Issues = issues;
    }

    /// <summary>Gets the definition's reference.</summary>
    public FormVersionReference Form { get; }

    /// <summary>Gets every issue.</summary>
    public IReadOnlyList<QuestionnaireImportIssue> Issues { get; }

    private static string BuildMessage(FormVersionReference form, IReadOnlyList<QuestionnaireImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(issues);
        var errors = issues.Where(i => i.Severity == ImportIssueSeverity.Error).ToList();
        var first = errors.FirstOrDefault() ?? throw new ArgumentException("An import failure needs at least one error.", nameof(issues));
        return $"The Questionnaire '{form}' cannot be used as it is: {first.Path}: {first.Message} [{first.Code}]{(errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty)}. Fix the Questionnaire, or use QuestionnaireImportResult.Definition knowingly.";
    }
}
