namespace Remedora.Storage;

/// <summary>The entry keys of one index that a query accepts: from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive; none when <see langword="null"/>).</summary>
internal sealed record IndexRange(DocumentIndex Index, byte[] From, byte[]? To)
{
    public IndexRange Intersect(IndexRange other)
    {
        var from = IndexKey.Compare(From, other.From) >= 0 ? From : other.From;
        var to = To is null ? other.To : other.To is null ? To : IndexKey.Compare(To, other.To) <= 0 ? To : other.To;
        return new IndexRange(Index, from, to);
    }

    public bool Contains(ReadOnlySpan<byte> entry)
        => IndexKey.Compare(entry, From) >= 0 && (To is null || IndexKey.Compare(entry, To) < 0);
}
