namespace Remedora.Intake.Engine;

/// <summary>Whether a problem of a form definition stops it from loading.</summary>
public enum FormIssueSeverity
{
    /// <summary>The definition cannot be loaded.</summary>
    Error = 0,

    /// <summary>The definition loads; the issue is reported in <see cref="CompiledForm.Warnings"/>.</summary>
    Warning = 1,
}

/// <summary>A problem of a form definition found when it is loaded.</summary>
/// <param name="Path">Where the problem is, for example <c>item[phq9-9].enableWhen[0]</c> or <c>scores[total]</c>.</param>
/// <param name="Code">A stable code from <see cref="FormDefinitionIssueCodes"/>.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Severity">Whether it stops the definition from loading.</param>
public sealed record FormDefinitionIssue(string Path, string Code, string Message, FormIssueSeverity Severity);

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

/// <summary>A form definition cannot be loaded. <see cref="Issues"/> lists every problem found.</summary>
public sealed class FormDefinitionException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.form_definition_invalid";

    /// <summary>Initializes a new instance of the <see cref="FormDefinitionException"/> class.</summary>
    /// <param name="form">The definition's reference.</param>
    /// <param name="issues">The issues; at least one is an error.</param>
    public FormDefinitionException(FormVersionReference form, IReadOnlyList<FormDefinitionIssue> issues)
        : base(ErrorCode, RemedoraErrorCategory.Validation, BuildMessage(form, issues))
    {
        Form = form;
        Issues = issues;
    }

    /// <summary>Gets the definition's reference.</summary>
    public FormVersionReference Form { get; }

    /// <summary>Gets every issue found, errors and warnings.</summary>
    public IReadOnlyList<FormDefinitionIssue> Issues { get; }

    private static string BuildMessage(FormVersionReference form, IReadOnlyList<FormDefinitionIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(issues);
        var errors = issues.Where(i => i.Severity == FormIssueSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            throw new ArgumentException("A form definition failure needs at least one error.", nameof(issues));
        }

        var first = errors[0];
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"The form definition '{form}' cannot be loaded: {first.Path}: {first.Message} [{first.Code}]{more}. Fix the definition and publish it as a new version.";
    }
}

/// <summary>A definition with the same URL and version as one already loaded has different content.</summary>
public sealed class FormVersionConflictException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.form_version_conflict";

    /// <summary>Initializes a new instance of the <see cref="FormVersionConflictException"/> class.</summary>
    /// <param name="form">The reference both definitions claim.</param>
    public FormVersionConflictException(FormVersionReference form)
        : base(ErrorCode, RemedoraErrorCategory.Conflict, $"A different definition of '{form}' is already loaded. A published version never changes: give the changed definition a new version.")
    {
        Form = form;
    }

    /// <summary>Gets the reference both definitions claim.</summary>
    public FormVersionReference Form { get; }
}

/// <summary>The stable codes of the validation problems the engine reports (<see cref="ValidationProblem.Code"/>).</summary>
public static class IntakeProblemCodes
{
    /// <summary>The answers are to another form or version.</summary>
    public const string FormVersionMismatch = "form-version-mismatch";

    /// <summary>An answer names an item the form does not have.</summary>
    public const string UnknownItem = "unknown-item";

    /// <summary>An answer names an item that exists in the form but not at that place.</summary>
    public const string MisplacedItem = "misplaced-item";

    /// <summary>A required item has no answer.</summary>
    public const string Required = "required";

    /// <summary>A non-repeating item has several answers or occurrences.</summary>
    public const string Repeats = "repeats";

    /// <summary>A repeating item has fewer answers or occurrences than allowed.</summary>
    public const string MinOccurs = "min-occurs";

    /// <summary>A repeating item has more answers or occurrences than allowed.</summary>
    public const string MaxOccurs = "max-occurs";

    /// <summary>An answer has the wrong type for the item (or a group or display item has an answer).</summary>
    public const string Type = "type";

    /// <summary>A text answer is empty.</summary>
    public const string Empty = "empty";

    /// <summary>A text answer is too long.</summary>
    public const string MaxLength = "max-length";

    /// <summary>A text answer is too short.</summary>
    public const string MinLength = "min-length";

    /// <summary>A text answer does not match the required pattern.</summary>
    public const string Pattern = "pattern";

    /// <summary>An answer is below the minimum.</summary>
    public const string MinValue = "min-value";

    /// <summary>An answer is above the maximum.</summary>
    public const string MaxValue = "max-value";

    /// <summary>A decimal answer has too many digits after the decimal point.</summary>
    public const string MaxDecimalPlaces = "max-decimal-places";

    /// <summary>An answer is not one of the allowed options.</summary>
    public const string AnswerOption = "answer-option";

    /// <summary>A quantity answer has no value or a unit that is not allowed.</summary>
    public const string Unit = "unit";

    /// <summary>An attachment's content type is not allowed.</summary>
    public const string ContentType = "content-type";

    /// <summary>An attachment is too large, or its size is not stated.</summary>
    public const string AttachmentSize = "attachment-size";

    /// <summary>An attachment does not say where its content is stored.</summary>
    public const string AttachmentReference = "attachment-reference";

    /// <summary>A reference or URL answer is empty or not a valid URL.</summary>
    public const string InvalidReference = "invalid-reference";

    /// <summary>The prefix of the codes of failed constraints: <c>constraint:{key}</c>.</summary>
    public const string ConstraintPrefix = "constraint:";

    /// <summary>An expression of the form failed while evaluating (a diagnostic of the form, not of the answers).</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>
    /// A calculated value breaks one of its item's rules (type, length, range, pattern, constraint, required): a
    /// diagnostic of the form; the answers stay valid. The message names the rule (a code), never the value.
    /// </summary>
    public const string CalculatedValueInvalid = "calculated-value-invalid";

    /// <summary>
    /// An editable calculated item keeps an answer that differs from what its expression calculates (a diagnostic at the
    /// occurrence's path; the answer kept is the one entered).
    /// </summary>
    public const string CalculationOverridden = "calculation-overridden";

    /// <summary>An expression uses a variable that neither the form nor the launch context defines (a diagnostic of the form).</summary>
    public const string VariableUnknown = "variable-unknown";

    /// <summary>
    /// An item's calculation was in the imported form but cannot be evaluated (an unsupported function, a variable that
    /// needs a launch context): the item has no calculated value, and every evaluation says so.
    /// </summary>
    public const string CalculationUnavailable = "calculation-unavailable";

    /// <summary>A calculated value does not fit its item's type (a diagnostic of the form).</summary>
    public const string CalculationType = "calculation-type";

    /// <summary>Calculated values and enable conditions did not settle (a diagnostic of the form).</summary>
    public const string CalculationNotStable = "calculation-not-stable";

    /// <summary>A regular expression took too long to match (a diagnostic of the form).</summary>
    public const string PatternTimeout = "pattern-timeout";

    /// <summary>The engine failed unexpectedly; the answers could not be checked.</summary>
    public const string EvaluationFailed = "evaluation-failed";
}
