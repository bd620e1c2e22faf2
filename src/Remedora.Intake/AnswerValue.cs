using System.Text.Json.Serialization;

namespace Remedora.Intake;

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
