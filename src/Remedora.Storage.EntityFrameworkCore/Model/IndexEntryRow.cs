namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A document's entry in one declared index: one row of <c>document_index_entries</c>.</summary>
internal sealed class IndexEntryRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Collection { get; set; } = string.Empty;

    public string IndexName { get; set; } = string.Empty;

    /// <summary>Gets or sets the order-preserving encoding of the entry's values (see <c>IndexKey</c>).</summary>
    public byte[] EntryKey { get; set; } = [];

    public string DocumentKey { get; set; } = string.Empty;

    /// <summary>Gets or sets 1 when every field has a value (order queries use complete entries only), else 0.</summary>
    public int Complete { get; set; }

    /// <summary>Gets or sets 1 when the index is unique and the entry is complete: the unique index covers these rows only.</summary>
    public int IsUnique { get; set; }
}
