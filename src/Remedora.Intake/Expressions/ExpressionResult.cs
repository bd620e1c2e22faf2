using System.Collections;

namespace Remedora.Intake.Expressions;

/// <summary>
/// The result of an expression: an ordered collection (FHIRPath semantics; empty means "no value"). Items are
/// <see cref="AnswerValue"/>s when they have an answer type, or objects only the producing language understands (for
/// example a FHIRPath element), which the engine passes back to that language through variables.
/// </summary>
public sealed class ExpressionResult : IReadOnlyList<object>
{
    private static readonly object[] NoItems = [];
    private readonly object[] _items;

    private ExpressionResult(object[] items) => _items = items;

    /// <summary>Gets the empty result.</summary>
    public static ExpressionResult Empty { get; } = new(NoItems);

    /// <summary>Gets the result <see langword="true"/>.</summary>
    public static ExpressionResult True { get; } = new([BooleanAnswer.True]);

    /// <summary>Gets the result <see langword="false"/>.</summary>
    public static ExpressionResult False { get; } = new([BooleanAnswer.False]);

    /// <summary>Gets the number of items.</summary>
    public int Count => _items.Length;

    /// <summary>Gets a value indicating whether the result is empty.</summary>
    public bool IsEmpty => _items.Length == 0;

    /// <summary>Gets an item.</summary>
    /// <param name="index">The index.</param>
    /// <returns>The item: an <see cref="AnswerValue"/> or a language-specific object.</returns>
    public object this[int index] => _items[index];

    /// <summary>Creates a result of one value.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(AnswerValue? value) => value is null ? Empty : new([value]);

    /// <summary>Creates a boolean result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(bool? value) => value switch { true => True, false => False, null => Empty };

    /// <summary>Creates a decimal result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(decimal? value) => value is { } v ? new([new DecimalAnswer(v)]) : Empty;

    /// <summary>Creates an integer result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(int? value) => value is { } v ? new([new IntegerAnswer(v)]) : Empty;

    /// <summary>Creates a string result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(string? value) => value is null ? Empty : new([new StringAnswer(value)]);

    /// <summary>Creates a result of several items.</summary>
    /// <param name="items">The items: <see cref="AnswerValue"/>s or language-specific objects; <see langword="null"/> items are skipped.</param>
    /// <returns>The result.</returns>
    public static ExpressionResult Of(IEnumerable<object?> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new List<object>();
        foreach (var item in items)
        {
            if (item is not null)
            {
                list.Add(item);
            }
        }

        return list.Count == 0 ? Empty : new(list.ToArray());
    }

    /// <summary>Converts a value to a result.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator ExpressionResult(bool value) => Of(value);

    /// <summary>Converts a value to a result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    public static implicit operator ExpressionResult(decimal? value) => Of(value);

    /// <summary>Converts a value to a result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    public static implicit operator ExpressionResult(string? value) => Of(value);

    /// <summary>Converts a value to a result.</summary>
    /// <param name="value">The value; <see langword="null"/> for the empty result.</param>
    public static implicit operator ExpressionResult(AnswerValue? value) => Of(value);

    /// <summary>Gets the items that are answer values, in order.</summary>
    /// <returns>The answer values.</returns>
    public IReadOnlyList<AnswerValue> Values()
    {
        var all = true;
        foreach (var item in _items)
        {
            all &= item is AnswerValue;
        }

        if (all)
        {
            return Array.ConvertAll(_items, static i => (AnswerValue)i);
        }

        var list = new List<AnswerValue>(_items.Length);
        foreach (var item in _items)
        {
            if (item is AnswerValue v)
            {
                list.Add(v);
            }
        }

        return list;
    }

    /// <summary>
    /// Reads the result as a boolean the way FHIRPath evaluates a collection as a condition: empty is
    /// <see langword="null"/>, one boolean is its value, one other item is <see langword="true"/>, several items are
    /// <see langword="null"/> (an error in FHIRPath).
    /// </summary>
    /// <returns>The boolean, or <see langword="null"/>.</returns>
    public bool? AsBoolean() => _items.Length switch
    {
        0 => null,
        1 => _items[0] is BooleanAnswer b ? b.Value : true,
        _ => null,
    };

    /// <summary>Reads a single numeric result (a decimal, an integer or a quantity's value).</summary>
    /// <returns>The number, or <see langword="null"/> when the result is not one number.</returns>
    public decimal? AsDecimal() => _items.Length == 1
        ? _items[0] switch
        {
            DecimalAnswer d => d.Value,
            IntegerAnswer i => i.Value,
            QuantityAnswer q => q.Value.Value,
            _ => null,
        }
        : null;

    /// <inheritdoc/>
    public IEnumerator<object> GetEnumerator() => ((IEnumerable<object>)_items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Describes the result's size and item kinds, never its values.</summary>
    /// <returns>For example <c>expression result (1 item)</c>.</returns>
    public override string ToString() => $"expression result ({_items.Length} item{(_items.Length == 1 ? string.Empty : "s")})";
}
