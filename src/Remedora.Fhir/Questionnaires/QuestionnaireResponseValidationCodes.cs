using Remedora.Intake.Engine;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// The stable rule codes of <see cref="QuestionnaireResponseFinding"/>s. Rules the intake engine checks keep the
/// engine's code (<see cref="IntakeProblemCodes"/>); findings of other engine rules carry the engine's code unchanged.
/// </summary>
public static class QuestionnaireResponseValidationCodes
{
    /// <summary>An item's linkId is not in the Questionnaire.</summary>
    public const string UnknownItem = "unknown-item";

    /// <summary>An item is in the Questionnaire, but under another parent (or at another level) than the response has it.</summary>
    public const string MisplacedItem = "misplaced-item";

    /// <summary>An item has no linkId.</summary>
    public const string MissingLinkId = "missing-link-id";

    /// <summary>An item belongs under an answer of a question the response does not answer.</summary>
    public const string NoPlace = "no-place";

    /// <summary>An answer has no value, or a value of a type an answer cannot have.</summary>
    public const string AnswerNotReadable = "answer-not-readable";

    /// <summary>An answer's type does not fit the item's type (for example a string answer to an integer item).</summary>
    public const string AnswerType = "answer-type";

    /// <summary>An answer is not among the item's answer options or value set (<c>choice</c>: options only; <c>open-choice</c>: options or a string).</summary>
    public const string AnswerOption = IntakeProblemCodes.AnswerOption;

    /// <summary>An item that does not repeat has several answers, or a group that does not repeat occurs several times.</summary>
    public const string Repeats = IntakeProblemCodes.Repeats;

    /// <summary>A required item that is enabled has no answer.</summary>
    public const string Required = IntakeProblemCodes.Required;

    /// <summary>An item that the Questionnaire disables for these answers (<c>enableWhen</c>, <c>enableWhenExpression</c>) has answers.</summary>
    public const string AnswerOnDisabledItem = "answer-on-disabled-item";

    /// <summary>A text answer is longer than the item's <c>maxLength</c>.</summary>
    public const string MaxLength = IntakeProblemCodes.MaxLength;

    /// <summary>A text answer is shorter than the item's <c>minLength</c>.</summary>
    public const string MinLength = IntakeProblemCodes.MinLength;

    /// <summary>An answer is below the item's <c>minValue</c>.</summary>
    public const string MinValue = IntakeProblemCodes.MinValue;

    /// <summary>An answer is above the item's <c>maxValue</c>.</summary>
    public const string MaxValue = IntakeProblemCodes.MaxValue;

    /// <summary>A text answer does not match the item's <c>regex</c>.</summary>
    public const string Regex = IntakeProblemCodes.Pattern;

    /// <summary>The prefix of a broken <c>questionnaire-constraint</c>: the code is <c>constraint:{key}</c>.</summary>
    public const string ConstraintPrefix = IntakeProblemCodes.ConstraintPrefix;

    /// <summary>A display item has answers.</summary>
    public const string DisplayAnswered = "display-answered";

    /// <summary>A group item has answers (a group holds items, not answers).</summary>
    public const string GroupAnswered = "group-answered";

    /// <summary>
    /// A read-only item has an answer other than the one the Questionnaire gives it (its calculated value or its initial
    /// value), or an answer although the Questionnaire gives it none (a warning: the user could not have entered it).
    /// </summary>
    public const string ReadOnlyChanged = "read-only-changed";

    /// <summary>The response names another Questionnaire than the one it was validated against.</summary>
    public const string FormMismatch = "form-mismatch";
}
