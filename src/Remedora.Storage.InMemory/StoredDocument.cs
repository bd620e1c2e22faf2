namespace Remedora.Storage.InMemory;

/// <summary>A document as stored: the codec's text, the version and one entry per declared index (in the collection's index order).</summary>
internal sealed record StoredDocument(string Key, long Version, string Data, IndexEntry[] Entries);
