using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>The PostgreSQL schema: <c>timestamptz</c>, <c>uuid</c>, <c>bytea</c>, and every text column in the ordinal "C" collation.</summary>
internal sealed class PostgreSqlStorageContext : StorageContext
{
    public PostgreSqlStorageContext(DbContextOptions<PostgreSqlStorageContext> options)
        : base(options)
    {
    }

    protected override void ConfigureText(PropertyBuilder property) => property.UseCollation("C");
}
