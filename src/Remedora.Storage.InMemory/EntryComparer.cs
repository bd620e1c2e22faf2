namespace Remedora.Storage.InMemory;

/// <summary>Compares encoded index entries byte by byte, as the databases do.</summary>
internal sealed class EntryComparer : IComparer<byte[]>
{
    public static EntryComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => IndexKey.Compare(x, y);
}
