namespace Remedora.Storage.InMemory;

/// <summary>A staged document write: the expected stored version and the document as it will be stored.</summary>
internal sealed record StagedWrite(WriteKind Kind, DocumentCollection Collection, long ExpectedVersion, StoredDocument Document);
