namespace Remedora.Intake;

/// <summary>A reference to another record.</summary>
/// <param name="Value">The reference.</param>
public sealed record ReferenceAnswer(FormReference Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Reference;

    /// <inheritdoc/>
    public override string FormatValue() => Value.Display ?? Value.Reference ?? string.Empty;
}
