using System.Text;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Builds the SQL of a planned document query: the order index's entries drive (a range scan of the entries' primary
/// key, in order), each other index a condition names joins its entry by document, and the documents join last.
/// </summary>
internal static class DocumentQuerySql
{
    public static Statement Select(SqlDialect dialect, TenantId tenantId, DocumentCollection collection, IndexQueryPlan plan, bool descending, int limit)
    {
        var sql = new StringBuilder("SELECT d.document_key, d.version, d.data");
        if (plan.Order is not null)
        {
            sql.Append(", o.entry_key");
        }

        var statement = dialect.Statement(string.Empty);
        var where = new StringBuilder();
        var driver = AppendFrom(sql, where, statement, dialect, collection, plan);
        if (plan.Order is not null)
        {
            where.Append(" AND o.complete = 1");
        }

        var comparison = descending ? " < " : " > ";
        if (plan.AfterKey is { } afterKey)
        {
            statement.Text("@after_key", afterKey);
            if (plan.Order is null)
            {
                where.Append(" AND ").Append(driver).Append(".document_key").Append(comparison).Append("@after_key");
            }
            else
            {
                statement.Bytes("@after_entry", plan.AfterEntry!);
                where.Append(" AND (o.entry_key, o.document_key)").Append(comparison).Append("(@after_entry, @after_key)");
            }
        }

        var direction = descending ? " DESC" : string.Empty;
        sql.Append(" WHERE ").Append(driver).Append(".tenant_id = @t AND ").Append(driver).Append(".collection = @c").Append(where);
        sql.Append(" ORDER BY ");
        if (plan.Order is not null)
        {
            sql.Append("o.entry_key").Append(direction).Append(", o.document_key").Append(direction);
        }
        else
        {
            sql.Append(driver).Append(".document_key").Append(direction);
        }

        sql.Append(" LIMIT ").Append(RowMapping.Invariant(limit));
        return Finish(statement, dialect, sql, tenantId, collection);
    }

    public static Statement Count(SqlDialect dialect, TenantId tenantId, DocumentCollection collection, IndexQueryPlan plan)
    {
        var sql = new StringBuilder("SELECT COUNT(*)");
        var statement = dialect.Statement(string.Empty);
        var where = new StringBuilder();
        var driver = AppendFrom(sql, where, statement, dialect, collection, plan, countOnly: true);
        sql.Append(" WHERE ").Append(driver).Append(".tenant_id = @t AND ").Append(driver).Append(".collection = @c").Append(where);
        return Finish(statement, dialect, sql, tenantId, collection);
    }

    /// <summary>Appends the FROM clause (driving table first) and the range conditions; returns the driving table's alias.</summary>
    private static string AppendFrom(StringBuilder sql, StringBuilder where, Statement statement, SqlDialect dialect, DocumentCollection collection, IndexQueryPlan plan, bool countOnly = false)
    {
        var aliases = new List<(string Alias, string IndexName, IndexRange? Range)>();
        if (plan.Order is { } order)
        {
            aliases.Add(("o", order.Name, plan.Ranges.FirstOrDefault(r => r.Index.Name == order.Name)));
        }

        var n = 0;
        foreach (var range in plan.Ranges)
        {
            if (plan.Order is null || range.Index.Name != plan.Order.Name)
            {
                aliases.Add(("e" + RowMapping.Invariant(n++), range.Index.Name, range));
            }
        }

        sql.Append(" FROM ");
        string driver;
        if (aliases.Count == 0)
        {
            sql.Append("documents d");
            driver = "d";
        }
        else
        {
            driver = aliases[0].Alias;
            for (var i = 0; i < aliases.Count; i++)
            {
                var (alias, indexName, range) = aliases[i];
                if (i == 0)
                {
                    sql.Append("document_index_entries ").Append(alias);
                }
                else
                {
                    sql.Append(" JOIN document_index_entries ").Append(alias).Append(" ON ").Append(alias).Append(".tenant_id = ").Append(driver)
                        .Append(".tenant_id AND ").Append(alias).Append(".collection = ").Append(driver).Append(".collection AND ")
                        .Append(alias).Append(".document_key = ").Append(driver).Append(".document_key");
                }

                var nameParameter = "@" + alias + "_i";
                statement.Text(nameParameter, indexName);
                var condition = i == 0 ? where : sql;
                condition.Append(" AND ").Append(alias).Append(".index_name = ").Append(nameParameter);
                if (range is not null)
                {
                    statement.Bytes("@" + alias + "_from", range.From);
                    condition.Append(" AND ").Append(alias).Append(".entry_key >= @").Append(alias).Append("_from");
                    if (range.To is not null)
                    {
                        statement.Bytes("@" + alias + "_to", range.To);
                        condition.Append(" AND ").Append(alias).Append(".entry_key < @").Append(alias).Append("_to");
                    }
                }
            }

            if (!countOnly)
            {
                sql.Append(" JOIN documents d ON d.tenant_id = ").Append(driver).Append(".tenant_id AND d.collection = ").Append(driver)
                    .Append(".collection AND d.document_key = ").Append(driver).Append(".document_key");
            }
        }

        return driver;
    }

    private static Statement Finish(Statement statement, SqlDialect dialect, StringBuilder sql, TenantId tenantId, DocumentCollection collection)
    {
        var final = dialect.Statement(sql.ToString()).Text("@t", tenantId.Value).Text("@c", collection.Name);
        final.Parameters.AddRange(statement.Parameters);
        return final;
    }
}
