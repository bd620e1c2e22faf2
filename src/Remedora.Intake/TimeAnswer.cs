using System.Globalization;

namespace Remedora.Intake;

/// <summary>A time of day.</summary>
/// <param name="Value">The value.</param>
public sealed record TimeAnswer(TimeOnly Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Time;

    /// <inheritdoc/>
    public override string FormatValue() => Value.Ticks % TimeSpan.TicksPerSecond == 0
        ? Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture)
        : Value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
