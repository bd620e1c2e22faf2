namespace Remedora.Fhir.Questionnaires;

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
