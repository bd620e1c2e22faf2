using System.Diagnostics.CodeAnalysis;

namespace Remedora.Storage;

/// <summary>
/// One stored row of an audit chain as <see cref="IAuditLogStore.ReadChainAsync"/> streams it: either a record that
/// could be read, or a row that could not (<see cref="Unreadable"/>). Reading never throws on stored data.
/// </summary>
public sealed class AuditChainEntry
{
    private AuditChainEntry(AuditRecord? record, UnreadableAuditRow? unreadable, ReadOnlyMemory<byte>? previousHash)
    {
        Record = record;
        Unreadable = unreadable;
        PreviousHash = previousHash;
    }

    /// <summary>Gets the record.</summary>
    /// <value>The record; <see langword="null"/> when the row cannot be read.</value>
    public AuditRecord? Record { get; }

    /// <summary>Gets what makes the row unreadable.</summary>
    /// <value>The problem; <see langword="null"/> when the row was read.</value>
    public UnreadableAuditRow? Unreadable { get; }

    /// <summary>Gets a value indicating whether the row was read into <see cref="Record"/>.</summary>
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Unreadable))]
    public bool IsReadable => Record is not null;

    /// <summary>Gets the row's stored previous hash, which tells where in the chain the row belongs even when its sequence cannot be read.</summary>
    /// <value>The previous hash; <see langword="null"/> when the row is unreadable and so is its previous-hash column.</value>
    public ReadOnlyMemory<byte>? PreviousHash { get; }

    /// <summary>Gets the row's stored sequence number.</summary>
    /// <value>The sequence number; <see langword="null"/> when the row is unreadable and so is its sequence column.</value>
    public long? Sequence => Record?.Sequence ?? Unreadable?.Sequence;

    /// <summary>Creates the entry of a record that was read.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The entry.</returns>
    public static AuditChainEntry Read(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AuditChainEntry(record, null, record.PreviousHash);
    }

    /// <summary>Creates the entry of a row that cannot be read.</summary>
    /// <param name="row">What makes it unreadable.</param>
    /// <param name="previousHash">The row's stored previous hash, when that column could be read and holds <see cref="AuditChain.HashLength"/> bytes.</param>
    /// <returns>The entry.</returns>
    public static AuditChainEntry Failed(UnreadableAuditRow row, ReadOnlyMemory<byte>? previousHash = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (previousHash is { Length: not AuditChain.HashLength })
        {
            throw new ArgumentException($"A previous hash has {AuditChain.HashLength} bytes.", nameof(previousHash));
        }

        return new AuditChainEntry(null, row, previousHash);
    }
}
