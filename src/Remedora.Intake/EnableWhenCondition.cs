namespace Remedora.Intake;

/// <summary>
/// A condition on another question's answers that enables an item, as FHIR <c>Questionnaire.item.enableWhen</c>.
/// </summary>
/// <param name="Question">The linkId of the question whose answers are tested.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Answer">The comparand; for <see cref="ComparisonOperator.Exists"/> a <see cref="BooleanAnswer"/>.</param>
/// <remarks>
/// Answers of a disabled question count as absent. When the question is inside a repeating group, the condition looks
/// at the occurrence in the same repetition as the item; otherwise at every occurrence. A coded answer compared with a
/// string, integer or decimal comparand is compared by its code.
/// </remarks>
public sealed record EnableWhenCondition(string Question, ComparisonOperator Operator, AnswerValue Answer);
