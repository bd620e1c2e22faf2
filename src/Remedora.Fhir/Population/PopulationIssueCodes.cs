namespace Remedora.Fhir.Population;

/// <summary>The stable codes of <see cref="PopulationIssue"/>s.</summary>
public static class PopulationIssueCodes
{
    /// <summary>The Questionnaire declares a launch context (for example <c>patient</c>) that the request does not supply, or whose reference the data source cannot read.</summary>
    public const string LaunchContextMissing = "launch-context-missing";

    /// <summary>An <c>x-fhir-query</c> failed in the data source; the variable has no value.</summary>
    public const string QueryFailed = "query-failed";

    /// <summary>An expression could not be evaluated (it does not parse, or failed).</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>An item's expression uses a variable or launch context that has no value (it failed or is missing); the item is not populated.</summary>
    public const string VariableUnavailable = "variable-unavailable";

    /// <summary>An item's <c>initialExpression</c> gave nothing (for example no matching Observation); the item is not populated.</summary>
    public const string NoValue = "no-value";

    /// <summary>An item's <c>initialExpression</c> gave a value that cannot be an answer of the item's type (or is not one of its options).</summary>
    public const string ValueTypeMismatch = "value-type-mismatch";

    /// <summary>The item already had an answer (given by the patient or stored): it was kept and the populated value was not used.</summary>
    public const string AnswerKept = "answer-kept";

    /// <summary>An expression language other than FHIRPath or <c>application/x-fhir-query</c> (for example CQL).</summary>
    public const string LanguageUnsupported = "language-unsupported";
}
