namespace Remedora.Intake;

/// <summary>How a <see cref="FormQuantity"/> value is to be understood, as FHIR <c>Quantity.comparator</c>.</summary>
public enum QuantityComparator
{
    /// <summary>The actual value is less than the stated value (<c>&lt;</c>).</summary>
    LessThan = 0,

    /// <summary>The actual value is less than or equal to the stated value (<c>&lt;=</c>).</summary>
    LessOrEqual = 1,

    /// <summary>The actual value is greater than or equal to the stated value (<c>&gt;=</c>).</summary>
    GreaterOrEqual = 2,

    /// <summary>The actual value is greater than the stated value (<c>&gt;</c>).</summary>
    GreaterThan = 3,
}
