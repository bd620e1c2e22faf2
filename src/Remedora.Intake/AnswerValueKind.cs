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
