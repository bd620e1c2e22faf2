namespace Remedora.Storage;

/// <summary>A condition on an index: its first fields equal <see cref="Prefix"/> and the next field compares with <see cref="Value"/>.</summary>
/// <param name="Index">The index name.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The value of the field after the prefix, before normalisation (ids, enums, integers, instants or text).</param>
public sealed record QueryCondition(string Index, QueryOperator Operator, object? Value)
{
    /// <summary>Gets the values the leading fields of a composite index must equal; empty for a condition on the first field.</summary>
    public IReadOnlyList<object?> Prefix { get; init; } = [];
}
