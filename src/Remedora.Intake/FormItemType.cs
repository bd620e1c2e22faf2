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
