namespace Remedora.Storage;

/// <summary>How a declared <see cref="DocumentIndex"/> behaves.</summary>
[Flags]
public enum IndexOptions
{
    /// <summary>A plain index: equality, range and order queries.</summary>
    None = 0,

    /// <summary>No two documents of one tenant may have the same value (documents with a <see langword="null"/> field are not constrained).</summary>
    Unique = 1,

    /// <summary>The field is PHI: providers that encrypt PHI keep a keyed blind index instead of the value (single text fields only; equality queries only).</summary>
    Protected = 2,
}
