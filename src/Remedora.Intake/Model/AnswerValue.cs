using System.Globalization;
using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>The kinds of <see cref="AnswerValue"/>, one per FHIR answer data type.</summary>
public enum AnswerValueKind
{
    /// <summary>A <see cref="BooleanAnswer"/>.</summary>
    Boolean = 0,

    /// <summary>A <see cref="DecimalAnswer"/>.</summary>
    Decimal = 1,

    /// <summary>An <see cref="IntegerAnswer"/>.</summary>
    Integer = 2,

    /// <summary>A <see cref="DateAnswer"/>.</summary>
    Date = 3,

    /// <summary>A <see cref="DateTimeAnswer"/>.</summary>
    DateTime = 4,

    /// <summary>A <see cref="TimeAnswer"/>.</summary>
    Time = 5,

    /// <summary>A <see cref="StringAnswer"/>.</summary>
    String = 6,

    /// <summary>A <see cref="UriAnswer"/>.</summary>
    Uri = 7,

    /// <summary>A <see cref="CodingAnswer"/>.</summary>
    Coding = 8,

    /// <summary>A <see cref="QuantityAnswer"/>.</summary>
    Quantity = 9,

    /// <summary>An <see cref="AttachmentAnswer"/>.</summary>
    Attachment = 10,

    /// <summary>A <see cref="ReferenceAnswer"/>.</summary>
    Reference = 11,
}

/// <summary>
/// A typed value: an answer, an initial value, an answer option, an enableWhen comparand, a minimum or maximum, or the
/// result of an expression. One subtype per FHIR answer data type.
/// </summary>
/// <remarks>
/// Answers are patient data, so <see cref="ToString"/> names the kind only and never the value.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BooleanAnswer), "boolean")]
[JsonDerivedType(typeof(DecimalAnswer), "decimal")]
[JsonDerivedType(typeof(IntegerAnswer), "integer")]
[JsonDerivedType(typeof(DateAnswer), "date")]
[JsonDerivedType(typeof(DateTimeAnswer), "dateTime")]
[JsonDerivedType(typeof(TimeAnswer), "time")]
[JsonDerivedType(typeof(StringAnswer), "string")]
[JsonDerivedType(typeof(UriAnswer), "uri")]
[JsonDerivedType(typeof(CodingAnswer), "coding")]
[JsonDerivedType(typeof(QuantityAnswer), "quantity")]
[JsonDerivedType(typeof(AttachmentAnswer), "attachment")]
[JsonDerivedType(typeof(ReferenceAnswer), "reference")]
public abstract record AnswerValue
{
    private protected AnswerValue()
    {
    }

    /// <summary>Gets the kind of value.</summary>
    [JsonIgnore]
    public abstract AnswerValueKind Kind { get; }

    /// <summary>Creates a boolean value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static BooleanAnswer Of(bool value) => value ? BooleanAnswer.True : BooleanAnswer.False;

    /// <summary>Creates a decimal value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static DecimalAnswer Of(decimal value) => new(value);

    /// <summary>Creates an integer value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static IntegerAnswer Of(int value) => new(value);

    /// <summary>Creates a date value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static DateAnswer Of(FormDate value) => new(value);

    /// <summary>Creates a date value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static DateAnswer Of(DateOnly value) => new(FormDate.FromDateOnly(value));

    /// <summary>Creates a dateTime value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static DateTimeAnswer Of(FormDateTime value) => new(value);

    /// <summary>Creates a time value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static TimeAnswer Of(TimeOnly value) => new(value);

    /// <summary>Creates a string value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The answer value.</returns>
    public static StringAnswer Of(string value) => new(value);

    /// <summary>Creates a coded value.</summary>
    /// <param name="value">The coding.</param>
    /// <returns>The answer value.</returns>
    public static CodingAnswer Of(FormCoding value) => new(value);

    /// <summary>Creates a coded value.</summary>
    /// <param name="system">The code system.</param>
    /// <param name="code">The code.</param>
    /// <param name="display">The display text.</param>
    /// <returns>The answer value.</returns>
    public static CodingAnswer Code(string? system, string code, string? display = null) => new(new FormCoding(system, code, display));

    /// <summary>Creates a quantity value.</summary>
    /// <param name="value">The quantity.</param>
    /// <returns>The answer value.</returns>
    public static QuantityAnswer Of(FormQuantity value) => new(value);

    /// <summary>Creates an attachment value.</summary>
    /// <param name="value">The attachment.</param>
    /// <returns>The answer value.</returns>
    public static AttachmentAnswer Of(FormAttachment value) => new(value);

    /// <summary>Creates a reference value.</summary>
    /// <param name="value">The reference.</param>
    /// <returns>The answer value.</returns>
    public static ReferenceAnswer Of(FormReference value) => new(value);

    /// <summary>Names the kind of value only; answers are patient data and never appear in text the SDK produces.</summary>
    /// <returns>For example <c>integer answer</c>.</returns>
    public sealed override string ToString() => $"{Kind.ToString().ToLowerInvariant()} answer";

    /// <summary>Formats the value as plain text, for example to store a calculated number in a string item.</summary>
    /// <returns>The value as text (a coding's display or code; a quantity's value and unit).</returns>
    public abstract string FormatValue();
}

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

/// <summary>A decimal number; the scale (trailing zeros) is kept.</summary>
/// <param name="Value">The value.</param>
public sealed record DecimalAnswer(decimal Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Decimal;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A whole number.</summary>
/// <param name="Value">The value.</param>
public sealed record IntegerAnswer(int Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Integer;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A date, possibly partial.</summary>
/// <param name="Value">The value.</param>
public sealed record DateAnswer(FormDate Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Date;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString();
}

/// <summary>A date and time, possibly partial.</summary>
/// <param name="Value">The value.</param>
public sealed record DateTimeAnswer(FormDateTime Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.DateTime;

    /// <inheritdoc/>
    public override string FormatValue() => Value.ToString();
}

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

/// <summary>Text (for both <see cref="FormItemType.String"/> and <see cref="FormItemType.Text"/> items).</summary>
/// <param name="Value">The value.</param>
public sealed record StringAnswer(string Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.String;

    /// <inheritdoc/>
    public override string FormatValue() => Value;
}

/// <summary>A URI (for <see cref="FormItemType.Url"/> items).</summary>
/// <param name="Value">The value.</param>
public sealed record UriAnswer(string Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Uri;

    /// <inheritdoc/>
    public override string FormatValue() => Value;
}

/// <summary>A coded value.</summary>
/// <param name="Value">The coding.</param>
/// <remarks>
/// The coding keeps the extensions it arrived with (FHIR <c>valueCoding.extension</c>, for example an
/// <c>ordinalValue</c> score a form application wrote on the answer), so expressions that read them find them and
/// an export writes them back. Two coded values are equal when their codings and their extensions are.
/// </remarks>
public sealed record CodingAnswer(FormCoding Value) : AnswerValue
{
    private readonly IReadOnlyList<FormExtension> _extensions = [];

    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Coding;

    /// <summary>Gets the extensions of the coding (FHIR <c>Coding.extension</c>), in order; empty when it has none.</summary>
    /// <remarks>Not written to JSON when empty, so values stored before extensions were kept read and write unchanged.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormExtension>? Extensions
    {
        get => _extensions.Count == 0 ? null : _extensions;
        init => _extensions = value is null ? [] : [.. value];
    }

    /// <summary>Determines whether two coded values have equal codings and equal extensions, in order.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(CodingAnswer? other)
        => other is not null && Value == other.Value && _extensions.SequenceEqual(other._extensions);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Value);
        foreach (var extension in _extensions)
        {
            hash.Add(extension);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string FormatValue() => Value.Display ?? Value.Code ?? string.Empty;
}

/// <summary>A quantity with a unit.</summary>
/// <param name="Value">The quantity.</param>
public sealed record QuantityAnswer(FormQuantity Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Quantity;

    /// <inheritdoc/>
    public override string FormatValue()
    {
        var number = Value.Value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var unit = Value.Unit ?? Value.Code;
        return unit is null ? number : $"{number} {unit}";
    }
}

/// <summary>A file, by reference.</summary>
/// <param name="Value">The attachment.</param>
public sealed record AttachmentAnswer(FormAttachment Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Attachment;

    /// <inheritdoc/>
    public override string FormatValue() => Value.Title ?? Value.Url ?? string.Empty;
}

/// <summary>A reference to another record.</summary>
/// <param name="Value">The reference.</param>
public sealed record ReferenceAnswer(FormReference Value) : AnswerValue
{
    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Reference;

    /// <inheritdoc/>
    public override string FormatValue() => Value.Display ?? Value.Reference ?? string.Empty;
}
