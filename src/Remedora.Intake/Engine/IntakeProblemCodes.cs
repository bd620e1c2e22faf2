namespace Remedora.Intake.Engine;

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
