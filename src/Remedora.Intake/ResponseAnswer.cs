namespace Remedora.Intake;

/// <summary>One answer to a question, with the items nested under it.</summary>
/// <param name="Value">The value.</param>
public sealed record ResponseAnswer(AnswerValue Value)
{
    /// <summary>Gets the items nested under this answer (children of a question).</summary>
    public IReadOnlyList<ResponseItem> Items { get; init; } = [];

    /// <summary>Names the answer's kind only; answers are patient data.</summary>
    /// <returns>For example <c>integer answer</c>.</returns>
    public override string ToString() => Value?.ToString() ?? "answer";
}
