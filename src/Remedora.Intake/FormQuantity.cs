namespace Remedora.Intake;

/// <summary>A measured amount with its unit, as FHIR <c>Quantity</c>.</summary>
/// <param name="Value">The numeric value.</param>
/// <param name="Unit">The unit as displayed, for example <c>kg</c>.</param>
/// <param name="System">The system of the coded unit, usually <c>http://unitsofmeasure.org</c> (UCUM).</param>
/// <param name="Code">The coded unit, for example <c>kg</c> or <c>[in_i]</c>.</param>
/// <param name="Comparator">How to understand the value, when it is not exact.</param>
public sealed record FormQuantity(decimal? Value = null, string? Unit = null, string? System = null, string? Code = null, QuantityComparator? Comparator = null)
{
    /// <summary>Determines whether two quantities are in the same unit (same code and system, or same display unit when uncoded).</summary>
    /// <param name="other">The other quantity.</param>
    /// <returns><see langword="true"/> when their units match, or either has no unit.</returns>
    public bool HasSameUnit(FormQuantity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Code is not null && other.Code is not null)
        {
            return string.Equals(Code, other.Code, StringComparison.Ordinal)
                && (System is null || other.System is null || string.Equals(System, other.System, StringComparison.Ordinal));
        }

        return Unit is null || other.Unit is null || string.Equals(Unit, other.Unit, StringComparison.Ordinal);
    }
}
