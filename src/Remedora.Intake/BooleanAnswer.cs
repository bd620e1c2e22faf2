namespace Remedora.Intake;

/// <summary>A yes/no value.</summary>
/// <param name="Value">The value.</param>
public sealed record BooleanAnswer(bool Value) : AnswerValue
{
    /// <summary>Gets the value <see langword="true"/>.</summary>
    public static BooleanAnswer True { get; } = new(true);

    /// <summary>Gets the value <see langword="false"/>.</summary>
    public static BooleanAnswer False { get; } = new(false);

    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Boolean;

    /// <inheritdoc/>
    public override string FormatValue() => Value ? "true" : "false";
}
