namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>Which version of a declared index the entries were built for: one row of <c>document_index_states</c>.</summary>
internal sealed class IndexStateRow
{
    public string Collection { get; set; } = string.Empty;

    public string IndexName { get; set; } = string.Empty;

    public string Fingerprint { get; set; } = string.Empty;

    public DateTimeOffset BuiltAt { get; set; }
}
