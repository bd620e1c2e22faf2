namespace Remedora.Storage.InMemory;

internal enum WriteKind
{
    Insert,
    Update,
    Delete,
}
