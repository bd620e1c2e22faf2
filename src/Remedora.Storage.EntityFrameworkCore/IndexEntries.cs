namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>The commands that keep <c>document_index_entries</c>.</summary>
internal static class IndexEntries
{
    public const string InsertSql =
        "INSERT INTO document_index_entries (tenant_id, collection, index_name, entry_key, document_key, complete, is_unique) "
        + "VALUES (@t, @c, @i, @e, @k, @complete, @unique) ON CONFLICT DO NOTHING";

    public const string DeleteDocumentSql =
        "DELETE FROM document_index_entries WHERE tenant_id = @t AND collection = @c AND document_key = @k";

    /// <summary>Computes a document's entries, one per declared index in declaration order.</summary>
    public static IndexEntry[] Of(DocumentCollection collection, IDocumentCodec codec, object document)
    {
        var entries = new IndexEntry[collection.Indexes.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = Of(collection, codec, collection.Indexes[i], document);
        }

        return entries;
    }

    public static IndexEntry Of(DocumentCollection collection, IDocumentCodec codec, DocumentIndex index, object document)
    {
        var values = index.Stored(collection, codec, document);
        var complete = Array.TrueForAll(values, v => v is not null);
        return new IndexEntry(IndexKey.Encode(values), complete, complete && index.IsUnique);
    }

    public static Statement Insert(SqlDialect dialect, TenantId tenantId, DocumentCollection collection, DocumentIndex index, string documentKey, IndexEntry entry)
        => Insert(dialect, tenantId.Value, collection.Name, index.Name, documentKey, entry);

    public static Statement Insert(SqlDialect dialect, string tenantId, string collection, string index, string documentKey, IndexEntry entry)
        => dialect.Statement(InsertSql)
            .Text("@t", tenantId)
            .Text("@c", collection)
            .Text("@i", index)
            .Bytes("@e", entry.Key)
            .Text("@k", documentKey)
            .Int32("@complete", entry.Complete ? 1 : 0)
            .Int32("@unique", entry.Unique ? 1 : 0);

    public static Statement DeleteDocument(SqlDialect dialect, TenantId tenantId, DocumentCollection collection, string documentKey)
        => dialect.Statement(DeleteDocumentSql)
            .Text("@t", tenantId.Value)
            .Text("@c", collection.Name)
            .Text("@k", documentKey);
}
