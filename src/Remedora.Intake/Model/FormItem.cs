using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>The type of a form item, as FHIR R4 <c>Questionnaire.item.type</c>.</summary>
public enum FormItemType
{
    /// <summary>A group of items; holds no answer of its own.</summary>
    Group = 0,

    /// <summary>Text shown to the patient; holds no answer.</summary>
    Display = 1,

    /// <summary>Yes/no (<see cref="BooleanAnswer"/>).</summary>
    Boolean = 2,

    /// <summary>A decimal number (<see cref="DecimalAnswer"/>).</summary>
    Decimal = 3,

    /// <summary>A whole number (<see cref="IntegerAnswer"/>).</summary>
    Integer = 4,

    /// <summary>A date (<see cref="DateAnswer"/>).</summary>
    Date = 5,

    /// <summary>A date and time (<see cref="DateTimeAnswer"/>).</summary>
    DateTime = 6,

    /// <summary>A time of day (<see cref="TimeAnswer"/>).</summary>
    Time = 7,

    /// <summary>A short, single-line text (<see cref="StringAnswer"/>).</summary>
    String = 8,

    /// <summary>A longer, possibly multi-line text (<see cref="StringAnswer"/>).</summary>
    Text = 9,

    /// <summary>A URL (<see cref="UriAnswer"/>).</summary>
    Url = 10,

    /// <summary>A choice among answer options or a value set (usually <see cref="CodingAnswer"/>).</summary>
    Choice = 11,

    /// <summary>A choice among options, or free text (<see cref="CodingAnswer"/> or <see cref="StringAnswer"/>).</summary>
    OpenChoice = 12,

    /// <summary>A file by reference, such as a photo (<see cref="AttachmentAnswer"/>).</summary>
    Attachment = 13,

    /// <summary>A reference to another record (<see cref="ReferenceAnswer"/>).</summary>
    Reference = 14,

    /// <summary>A quantity with a unit (<see cref="QuantityAnswer"/>).</summary>
    Quantity = 15,
}

/// <summary>How several enable conditions of one item combine, as FHIR <c>enableBehavior</c>.</summary>
public enum EnableBehavior
{
    /// <summary>The item is enabled when every condition is true.</summary>
    All = 0,

    /// <summary>The item is enabled when any condition is true.</summary>
    Any = 1,
}

/// <summary>How an answer is compared, as FHIR <c>enableWhen.operator</c>.</summary>
public enum ComparisonOperator
{
    /// <summary>Whether the question has an answer equals the comparand (a <see cref="BooleanAnswer"/>).</summary>
    Exists = 0,

    /// <summary>At least one answer equals the comparand (<c>=</c>).</summary>
    Equal = 1,

    /// <summary>No answer equals the comparand (<c>!=</c>); true when there is no answer.</summary>
    NotEqual = 2,

    /// <summary>At least one answer is greater than the comparand (<c>&gt;</c>).</summary>
    GreaterThan = 3,

    /// <summary>At least one answer is less than the comparand (<c>&lt;</c>).</summary>
    LessThan = 4,

    /// <summary>At least one answer is greater than or equal to the comparand (<c>&gt;=</c>).</summary>
    GreaterOrEqual = 5,

    /// <summary>At least one answer is less than or equal to the comparand (<c>&lt;=</c>).</summary>
    LessOrEqual = 6,
}

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

/// <summary>One allowed answer of a choice item, as FHIR <c>Questionnaire.item.answerOption</c>.</summary>
public sealed record AnswerOption
{
    /// <summary>Gets the value (a coding, string, integer, date, time or reference).</summary>
    public required AnswerValue Value { get; init; }

    /// <summary>Gets a value indicating whether the option is selected when the form opens.</summary>
    public bool InitialSelected { get; init; }

    /// <summary>Gets the option's score (SDC <c>ordinalValue</c> / <c>itemWeight</c>), used by scores and <c>ordinal()</c>.</summary>
    public decimal? Score { get; init; }

    /// <summary>Gets extensions of the option the model does not interpret, kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>Gets other elements of the option in the source format, by JSON property name, kept for round trips.</summary>
    public IReadOnlyDictionary<string, string> UnmappedElements { get; init; } = EmptyElements.Instance;
}

/// <summary>Whether a failed <see cref="FormConstraint"/> is an error or a warning.</summary>
public enum ConstraintSeverity
{
    /// <summary>The answers are invalid.</summary>
    Error = 0,

    /// <summary>The answers are valid, but the patient should check them.</summary>
    Warning = 1,
}

/// <summary>
/// A rule the answers must satisfy, as the SDC <c>targetConstraint</c> extension: an expression that must evaluate to
/// <see langword="true"/>, with a message for the patient.
/// </summary>
public sealed record FormConstraint
{
    /// <summary>Gets the key that identifies the constraint within the form; the validation code is <c>constraint:{key}</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Gets whether a failure is an error or a warning.</summary>
    /// <value>The default is <see cref="ConstraintSeverity.Error"/>.</value>
    public ConstraintSeverity Severity { get; init; } = ConstraintSeverity.Error;

    /// <summary>Gets the expression that must be true.</summary>
    public required FormExpression Expression { get; init; }

    /// <summary>Gets the message shown to the patient when the constraint fails.</summary>
    public required string HumanMessage { get; init; }

    /// <summary>Gets where the problem is reported, when not on the item that declares it (a FHIRPath location).</summary>
    public string? Location { get; init; }

    /// <summary>Gets why the constraint exists, for authors.</summary>
    public string? Requirements { get; init; }
}

/// <summary>
/// One item of a form: a group, a display text or a question, as FHIR <c>Questionnaire.item</c> with the SDC extensions.
/// </summary>
public sealed record FormItem
{
    /// <summary>Gets the id of the item, unique within the form; answers name it.</summary>
    public required string LinkId { get; init; }

    /// <summary>Gets the type.</summary>
    public required FormItemType Type { get; init; }

    /// <summary>Gets the text shown to the patient.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the prefix shown before the text, for example <c>1.</c>.</summary>
    public string? Prefix { get; init; }

    /// <summary>Gets the URI of an element definition the item corresponds to (FHIR <c>item.definition</c>).</summary>
    public string? Definition { get; init; }

    /// <summary>Gets the codes of the concept the item asks about, for example a LOINC code.</summary>
    public IReadOnlyList<FormCoding> Codes { get; init; } = [];

    /// <summary>Gets a value indicating whether an enabled item must be answered.</summary>
    public bool Required { get; init; }

    /// <summary>Gets a value indicating whether the item may have several answers (a question) or occurrences (a group).</summary>
    public bool Repeats { get; init; }

    /// <summary>Gets a value indicating whether the patient may not change the answer (it is calculated or pre-filled).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets a value indicating whether the item is not shown (SDC <c>questionnaire-hidden</c>); it is still evaluated.</summary>
    public bool Hidden { get; init; }

    /// <summary>Gets the least number of answers or occurrences when repeating (<c>questionnaire-minOccurs</c>).</summary>
    public int? MinOccurs { get; init; }

    /// <summary>Gets the most answers or occurrences when repeating (<c>questionnaire-maxOccurs</c>).</summary>
    public int? MaxOccurs { get; init; }

    /// <summary>Gets the most characters of a text answer (FHIR <c>maxLength</c>).</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets the fewest characters of a text answer (<c>minLength</c> extension).</summary>
    public int? MinLength { get; init; }

    /// <summary>Gets the smallest allowed value (<c>minValue</c> extension): integer, decimal, date, dateTime, time or quantity.</summary>
    public AnswerValue? MinValue { get; init; }

    /// <summary>Gets the largest allowed value (<c>maxValue</c> extension).</summary>
    public AnswerValue? MaxValue { get; init; }

    /// <summary>Gets the most digits after the decimal point (<c>maxDecimalPlaces</c> extension).</summary>
    public int? MaxDecimalPlaces { get; init; }

    /// <summary>Gets the regular expression a text answer must match in full (<c>regex</c> extension).</summary>
    public string? Regex { get; init; }

    /// <summary>Gets a hint of the expected format, for example <c>yyyy/MM/dd</c> (<c>entryFormat</c> extension).</summary>
    public string? EntryFormat { get; init; }

    /// <summary>Gets the unit of a numeric answer (<c>questionnaire-unit</c> extension).</summary>
    public FormCoding? Unit { get; init; }

    /// <summary>Gets the units a quantity answer may use (<c>questionnaire-unitOption</c> extension).</summary>
    public IReadOnlyList<FormCoding> UnitOptions { get; init; } = [];

    /// <summary>Gets the canonical URL of a value set of allowed units (<c>questionnaire-unitValueSet</c> extension).</summary>
    public string? UnitValueSet { get; init; }

    /// <summary>Gets the MIME types an attachment answer may have (<c>mimeType</c> extension); empty allows any type.</summary>
    public IReadOnlyList<string> AllowedContentTypes { get; init; } = [];

    /// <summary>Gets the largest attachment, in bytes (<c>maxSize</c> extension).</summary>
    public long? MaxAttachmentSize { get; init; }

    /// <summary>Gets the allowed answers.</summary>
    public IReadOnlyList<AnswerOption> AnswerOptions { get; init; } = [];

    /// <summary>
    /// Gets the value set of allowed answers: <c>#id</c> for a value set in <see cref="FormDefinition.ValueSets"/> by id,
    /// or a canonical URL, matched against the URLs of those value sets.
    /// </summary>
    public string? AnswerValueSet { get; init; }

    /// <summary>Gets the initial answers (several for a repeating question).</summary>
    public IReadOnlyList<AnswerValue> Initial { get; init; } = [];

    /// <summary>Gets an expression that computes the initial answers (SDC <c>initialExpression</c>).</summary>
    public FormExpression? InitialExpression { get; init; }

    /// <summary>Gets the conditions that enable the item; an item without conditions is enabled when its parent is.</summary>
    public IReadOnlyList<EnableWhenCondition> EnableWhen { get; init; } = [];

    /// <summary>Gets how <see cref="EnableWhen"/> conditions combine.</summary>
    /// <value>The default is <see cref="EnableBehavior.All"/>.</value>
    public EnableBehavior EnableBehavior { get; init; } = EnableBehavior.All;

    /// <summary>Gets an expression that enables the item when true (SDC <c>enableWhenExpression</c>).</summary>
    public FormExpression? EnableWhenExpression { get; init; }

    /// <summary>Gets an expression that computes the answer (SDC <c>calculatedExpression</c>).</summary>
    public FormExpression? CalculatedExpression { get; init; }

    /// <summary>Gets the item's variables, visible to its own expressions and those of its descendants, in order.</summary>
    public IReadOnlyList<FormExpression> Variables { get; init; } = [];

    /// <summary>Gets the rules the answers must satisfy (SDC <c>targetConstraint</c>).</summary>
    public IReadOnlyList<FormConstraint> Constraints { get; init; } = [];

    /// <summary>Gets the child items.</summary>
    public IReadOnlyList<FormItem> Items { get; init; } = [];

    /// <summary>Gets extensions the model does not interpret (for example rendering hints), kept for round trips.</summary>
    public IReadOnlyList<FormExtension> Extensions { get; init; } = [];

    /// <summary>
    /// Gets other elements of the item in the source format the model does not interpret, by JSON property name
    /// (for example <c>_text</c> with a rendering extension), each value the element's JSON text; kept for round trips.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnmappedElements { get; init; } = EmptyElements.Instance;

    /// <summary>Gets a value indicating whether the item holds answers (it is neither a group nor a display).</summary>
    [JsonIgnore]
    public bool IsQuestion => Type is not (FormItemType.Group or FormItemType.Display);

    /// <summary>Returns the link id and type only.</summary>
    /// <returns>For example <c>choice phq9-9</c>.</returns>
    public override string ToString() => $"{Type} {LinkId}";
}

internal static class EmptyElements
{
    public static readonly IReadOnlyDictionary<string, string> Instance = new Dictionary<string, string>(0);
}
