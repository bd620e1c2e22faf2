using System.Text.Json.Serialization;

namespace Remedora.Intake;

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
