using System.Globalization;
using System.Text.RegularExpressions;

namespace Remedora.Storage;

/// <summary>
/// A declared index of a document collection: one field or several (composite), optionally unique within the tenant.
/// Declare it with <see cref="DocumentIndex{TDocument, TValue}"/> or <see cref="CompositeIndex{TDocument, T1, T2}"/>
/// (or by name through <see cref="DocumentCollectionBuilder{T}"/>) and query it with <see cref="DocumentQuery{T}"/>.
/// </summary>
/// <remarks>
/// Each field holds text (compared ordinally by UTF-8 bytes, at most <see cref="MaxKeyLength"/> characters), a 64-bit
/// integer or an instant (UTC, microsecond precision), chosen by the field's declared type: integers (<see cref="int"/>,
/// <see cref="long"/>, ...) are numbers, <see cref="DateTimeOffset"/> is an instant, everything else (strings, ids,
/// enums) is text. Providers keep one entry per document and index and make the database enforce unique indexes.
/// </remarks>
public abstract partial class DocumentIndex
{
    /// <summary>The longest text an index field may hold, in characters.</summary>
    public const int MaxKeyLength = 200;

    private readonly IndexFieldKind[] _kinds;

    private protected DocumentIndex(string name, Type documentType, IReadOnlyList<Type> valueTypes, IndexOptions options)
    {
        ValidateName(name);
        if (!Enum.IsDefined(options) && options != (IndexOptions.Unique | IndexOptions.Protected))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Unknown index options.");
        }

        Name = name;
        DocumentType = documentType;
        ValueTypes = valueTypes;
        IsUnique = options.HasFlag(IndexOptions.Unique);
        IsProtected = options.HasFlag(IndexOptions.Protected);
        _kinds = valueTypes.Select(KindOf).ToArray();
        if (IsProtected && (valueTypes.Count != 1 || _kinds[0] != IndexFieldKind.Text))
        {
            throw new ArgumentException($"Index '{name}' is protected, so it must be a single text field (its stored values are keyed blind indexes).", nameof(options));
        }
    }

    /// <summary>Gets the index name, unique within its collection, for example <c>patient</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the CLR type of the documents the index belongs to.</summary>
    public Type DocumentType { get; }

    /// <summary>Gets the declared type of each field, in key order (one for a single-field index).</summary>
    public IReadOnlyList<Type> ValueTypes { get; }

    /// <summary>Gets a value indicating whether the index has more than one field.</summary>
    public bool IsComposite => ValueTypes.Count > 1;

    /// <summary>
    /// Gets a value indicating whether no two documents of one tenant may have the same value in the index. A document
    /// with a <see langword="null"/> field is not constrained. A commit that breaks the constraint fails with
    /// <see cref="UniqueConstraintViolationException"/> and writes nothing.
    /// </summary>
    public bool IsUnique { get; }

    /// <summary>
    /// Gets a value indicating whether the field is protected health information. Providers that encrypt PHI store a
    /// keyed blind index (an HMAC of the normalised value) instead of the value, so equality lookups still work.
    /// </summary>
    public bool IsProtected { get; }

    internal IReadOnlyList<IndexFieldKind> Kinds => _kinds;

    /// <summary>Gets the fields' values of a document, normalised (text, 64-bit integers or UTC instants).</summary>
    /// <param name="document">The document.</param>
    /// <returns>One value per field.</returns>
    internal abstract object?[] Extract(object document);

    /// <summary>Converts a value to the form stored in one field: text, a 64-bit integer or a UTC instant.</summary>
    /// <param name="field">The field's position.</param>
    /// <param name="value">The value, for example an <see cref="Id{T}"/>, an enum, a <see cref="string"/>, an <see cref="int"/> or a <see cref="DateTimeOffset"/>.</param>
    /// <returns>The stored form, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">The value cannot be stored in this field.</exception>
    internal object? Normalize(int field, object? value)
    {
        if (value is null)
        {
            return null;
        }

        switch (_kinds[field])
        {
            case IndexFieldKind.Text:
                var text = value switch
                {
                    string s => s,
                    Enum e => e.ToString(),
                    IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString(),
                };
                if (text is null || text.Length > MaxKeyLength)
                {
                    throw new ArgumentException($"Index '{Name}' holds text of at most {MaxKeyLength} characters.", nameof(value));
                }

                return text.Length == 0 ? null : text;
            case IndexFieldKind.Number:
                return value switch
                {
                    long l => l,
                    int i => (long)i,
                    short s => (long)s,
                    byte b => (long)b,
                    uint u => (long)u,
                    Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
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

    /// <summary>Gets the values a provider stores for a document: normalised, then encoded by the codec (blind indexes for protected fields).</summary>
    internal object?[] Stored(DocumentCollection collection, IDocumentCodec codec, object document)
    {
        var values = Extract(document);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = codec.EncodeIndexValue(collection, this, values[i]);
        }

        return values;
    }

    private static IndexFieldKind KindOf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(uint))
        {
            return IndexFieldKind.Number;
        }

        return t == typeof(DateTimeOffset) ? IndexFieldKind.Time : IndexFieldKind.Text;
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"Index name '{name}' is invalid: use 1 to 63 characters a-z, A-Z, 0-9, '_', '.' or '-', starting with a letter.", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
