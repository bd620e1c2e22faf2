namespace Remedora.Intake.Engine;

/// <summary>The stable codes of <see cref="FormDefinitionIssue"/>s.</summary>
public static class FormDefinitionIssueCodes
{
    /// <summary>The definition has no canonical URL.</summary>
    public const string UrlMissing = "url-missing";

    /// <summary>The definition has no version.</summary>
    public const string VersionMissing = "version-missing";

    /// <summary>An item has no linkId.</summary>
    public const string LinkIdMissing = "link-id-missing";

    /// <summary>
    /// An item is nested deeper than <see cref="FormDefinition.MaxItemDepth"/> levels; its descendants are not read.
    /// </summary>
    public const string ItemNestingTooDeep = "item-nesting-too-deep";

    /// <summary>Two items share a linkId.</summary>
    public const string LinkIdDuplicate = "link-id-duplicate";

    /// <summary>An enableWhen names a question the form does not have.</summary>
    public const string EnableWhenUnknownQuestion = "enable-when-unknown-question";

    /// <summary>An enableWhen names a group or display item, which has no answers.</summary>
    public const string EnableWhenNotAQuestion = "enable-when-not-a-question";

    /// <summary>An enableWhen with <see cref="ComparisonOperator.Exists"/> has a comparand that is not a boolean.</summary>
    public const string EnableWhenExistsNeedsBoolean = "enable-when-exists-needs-boolean";

    /// <summary>An enableWhen comparand's type cannot be compared with the question's answers (warning).</summary>
    public const string EnableWhenAnswerType = "enable-when-answer-type";

    /// <summary>Items enable each other in a cycle.</summary>
    public const string EnableWhenCycle = "enable-when-cycle";

    /// <summary>An expression is in a language no <see cref="Expressions.IExpressionLanguage"/> is registered for.</summary>
    public const string ExpressionLanguageUnsupported = "expression-language-unsupported";

    /// <summary>An expression failed to compile in its language.</summary>
    public const string ExpressionInvalid = "expression-invalid";

    /// <summary>A variable has no name.</summary>
    public const string VariableNameMissing = "variable-name-missing";

    /// <summary>Two variables in one scope share a name.</summary>
    public const string VariableDuplicate = "variable-duplicate";

    /// <summary>An answerValueSet of the form <c>#id</c> names a value set the form does not contain.</summary>
    public const string ValueSetNotFound = "value-set-not-found";

    /// <summary>An answerValueSet names an external value set; answers are not checked against it (warning).</summary>
    public const string ValueSetUnresolved = "value-set-unresolved";

    /// <summary>A regex is not a valid regular expression.</summary>
    public const string RegexInvalid = "regex-invalid";

    /// <summary>An initial value's type does not fit the item (warning; the value is ignored).</summary>
    public const string InitialTypeMismatch = "initial-type-mismatch";

    /// <summary>A non-repeating item has several initial values (warning).</summary>
    public const string InitialMultipleNotRepeating = "initial-multiple-not-repeating";

    /// <summary>An answer option's type does not fit the item (warning).</summary>
    public const string AnswerOptionTypeMismatch = "answer-option-type-mismatch";

    /// <summary>A property has no meaning for the item's type, for example maxLength on a boolean (warning).</summary>
    public const string PropertyNotApplicable = "property-not-applicable";

    /// <summary>Two scores share a name.</summary>
    public const string ScoreDuplicate = "score-duplicate";

    /// <summary>A score names an item the form does not have.</summary>
    public const string ScoreUnknownItem = "score-unknown-item";

    /// <summary>An expression score has no expression.</summary>
    public const string ScoreExpressionMissing = "score-expression-missing";

    /// <summary>Two red-flag rules share an id.</summary>
    public const string RedFlagDuplicate = "red-flag-duplicate";

    /// <summary>A red-flag condition names an item the form does not have.</summary>
    public const string RedFlagUnknownItem = "red-flag-unknown-item";

    /// <summary>A red-flag condition names a score the form does not have.</summary>
    public const string RedFlagUnknownScore = "red-flag-unknown-score";

    /// <summary>A red-flag condition names a band its score does not have.</summary>
    public const string RedFlagUnknownBand = "red-flag-unknown-band";

    /// <summary>A red-flag condition uses an operator that does not apply, for example exists on a score.</summary>
    public const string RedFlagOperator = "red-flag-operator";

    /// <summary>Two constraints of the form share a key.</summary>
    public const string ConstraintDuplicate = "constraint-duplicate";
}
