namespace Remedora.Storage;

/// <summary>Why a stored audit column cannot be read. A reason code: it never carries the stored value.</summary>
public enum AuditRowProblem
{
    /// <summary>The column is null (or absent) where the record needs a value.</summary>
    Missing = 0,

    /// <summary>The column holds a value of another type than the column's (for example text in an integer column).</summary>
    WrongType = 1,

    /// <summary>The column holds text that does not parse as the column's kind of value (an id, a code, a tenant id).</summary>
    Malformed = 2,

    /// <summary>The column holds a name that is not one of the enumeration's names.</summary>
    UnknownName = 3,

    /// <summary>The column holds a hash that is not <see cref="AuditChain.HashLength"/> bytes long.</summary>
    WrongLength = 4,

    /// <summary>The column holds a number or instant outside the range a record can have.</summary>
    OutOfRange = 5,

    /// <summary>The column holds a value although the group it belongs to is absent (for example a source device without a source application).</summary>
    Inconsistent = 6,

    /// <summary>The column holds a value in another form than the one the record was written in (for example an id in capitals).</summary>
    NotCanonical = 7,
}
