namespace Remedora.Storage;

/// <summary>The kind of value one field of an index holds.</summary>
internal enum IndexFieldKind
{
    Text = 1,
    Number = 2,
    Time = 3,
}
