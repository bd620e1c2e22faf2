namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>A document's entry in one declared index, as written to <c>document_index_entries</c>.</summary>
/// <param name="Key">The encoded values (<see cref="IndexKey"/>).</param>
/// <param name="Complete">Whether every field has a value.</param>
/// <param name="Unique">Whether the unique index covers the entry (a complete entry of a unique index).</param>
internal readonly record struct IndexEntry(byte[] Key, bool Complete, bool Unique);
