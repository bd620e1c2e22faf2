namespace Remedora.Storage.InMemory;

/// <summary>A document's entry in one index: the encoded key, whether every field has a value, and whether the unique constraint applies to it.</summary>
internal readonly record struct IndexEntry(byte[] Key, bool Complete, bool Unique);
