namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>A stored document: one row of <c>documents</c>.</summary>
internal sealed class DocumentRow
{
    public string TenantId { get; set; } = string.Empty;

    public string Collection { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public long Version { get; set; }

    public string Data { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
