namespace Remedora.Storage;

/// <summary>
/// The fixed index columns every provider offers to each document collection. A collection maps each of its
/// queryable fields onto one slot; the schema never changes when a package adds a collection.
/// </summary>
/// <remarks>
/// Key slots hold text (compared ordinally, at most <see cref="DocumentIndex.MaxKeyLength"/> characters), number
/// slots hold 64-bit integers and time slots hold instants (UTC, microsecond precision). Every slot is indexed
/// together with the tenant and the collection.
/// </remarks>
public enum IndexSlot
{
    /// <summary>The first text slot.</summary>
    Key1 = 0,

    /// <summary>The second text slot.</summary>
    Key2 = 1,

    /// <summary>The third text slot.</summary>
    Key3 = 2,

    /// <summary>The fourth text slot.</summary>
    Key4 = 3,

    /// <summary>The first number slot.</summary>
    Number1 = 4,

    /// <summary>The second number slot.</summary>
    Number2 = 5,

    /// <summary>The first time slot.</summary>
    Time1 = 6,

    /// <summary>The second time slot.</summary>
    Time2 = 7,
}

/// <summary>The kind of value an <see cref="IndexSlot"/> holds.</summary>
public enum IndexValueKind
{
    /// <summary>Text.</summary>
    Text = 0,

    /// <summary>A 64-bit integer.</summary>
    Number = 1,

    /// <summary>An instant.</summary>
    Time = 2,
}

/// <summary>Helpers for <see cref="IndexSlot"/>.</summary>
public static class IndexSlots
{
    /// <summary>Gets the kind of value a slot holds.</summary>
    /// <param name="slot">The slot.</param>
    /// <returns>The kind.</returns>
    public static IndexValueKind KindOf(IndexSlot slot) => slot switch
    {
        IndexSlot.Key1 or IndexSlot.Key2 or IndexSlot.Key3 or IndexSlot.Key4 => IndexValueKind.Text,
        IndexSlot.Number1 or IndexSlot.Number2 => IndexValueKind.Number,
        IndexSlot.Time1 or IndexSlot.Time2 => IndexValueKind.Time,
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Unknown index slot."),
    };

    /// <summary>Gets every slot, in declaration order.</summary>
    public static IReadOnlyList<IndexSlot> All { get; } = Enum.GetValues<IndexSlot>();
}
