namespace Remedora.Storage;

/// <summary>A queryable field of a document collection, mapped onto an <see cref="IndexSlot"/>.</summary>
public sealed class DocumentIndex
{
    /// <summary>The longest text an index key may hold, in characters.</summary>
    public const int MaxKeyLength = 200;

    private readonly Func<object, object?> _extract;

    internal DocumentIndex(string name, IndexSlot slot, bool isProtected, Func<object, object?> extract)
    {
        Name = name;
        Slot = slot;
        IsProtected = isProtected;
        _extract = extract;
    }

    /// <summary>Gets the index name used in queries, for example <c>patient</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the slot the field is stored in.</summary>
    public IndexSlot Slot { get; }

    /// <summary>Gets the kind of value the index holds.</summary>
    public IndexValueKind Kind => IndexSlots.KindOf(Slot);

    /// <summary>
    /// Gets a value indicating whether the field is protected health information. Providers that encrypt PHI store a
    /// keyed blind index (an HMAC of the normalised value) instead of the value, so equality lookups still work.
    /// </summary>
    public bool IsProtected { get; }

    /// <summary>Extracts the index value of a document.</summary>
    /// <param name="document">The document.</param>
    /// <returns>A <see cref="string"/>, <see cref="long"/> or <see cref="DateTimeOffset"/> (by <see cref="Kind"/>), or <see langword="null"/>.</returns>
    public object? Extract(object document) => Normalize(_extract(document));

    /// <summary>Converts a value to the form stored in this index: text, a 64-bit integer or a UTC instant.</summary>
    /// <param name="value">The value, for example an <see cref="Id{T}"/>, an enum, a <see cref="string"/>, an <see cref="int"/> or a <see cref="DateTimeOffset"/>.</param>
    /// <returns>The stored form, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The value cannot be stored in this index.</exception>
    public object? Normalize(object? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (Kind)
        {
            case IndexValueKind.Text:
                var text = value switch
                {
                    string s => s,
                    Enum e => e.ToString(),
                    IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
                if (text is null || text.Length > MaxKeyLength)
                {
                    throw new ArgumentException($"Index '{Name}' holds text of at most {MaxKeyLength} characters.", nameof(value));
                }

                return text.Length == 0 ? null : text;
            case IndexValueKind.Number:
                return value switch
                {
                    long l => l,
                    int i => (long)i,
                    Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
                    _ => throw new ArgumentException($"Index '{Name}' holds numbers; a {value.GetType().Name} cannot be stored in it.", nameof(value)),
                };
            default:
                return value switch
                {
                    DateTimeOffset t => StorageTime.Normalize(t),
                    _ => throw new ArgumentException($"Index '{Name}' holds instants; a {value.GetType().Name} cannot be stored in it.", nameof(value)),
                };
        }
    }
}

/// <summary>How storage keeps instants: UTC, truncated to whole microseconds (the precision every provider keeps).</summary>
public static class StorageTime
{
    /// <summary>Converts an instant to UTC and truncates it to whole microseconds.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The stored form.</returns>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
