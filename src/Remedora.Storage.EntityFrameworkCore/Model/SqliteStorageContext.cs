using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Remedora.Storage.EntityFrameworkCore.Model;

/// <summary>The SQLite schema: instants as INTEGER microseconds since the Unix epoch, ids as lower-case TEXT.</summary>
internal sealed class SqliteStorageContext : StorageContext
{
    public SqliteStorageContext(DbContextOptions<SqliteStorageContext> options)
        : base(options)
    {
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMicrosecondsConverter>();
        configurationBuilder.Properties<Guid>().HaveConversion<LowerCaseGuidConverter>();
    }

    protected override void ConfigureText(PropertyBuilder property)
    {
    }

    private sealed class UnixMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(v => SqlValues.ToUnixMicroseconds(v), v => SqlValues.FromUnixMicroseconds(v));

    private sealed class LowerCaseGuidConverter() : ValueConverter<Guid, string>(v => v.ToString("D"), v => Guid.Parse(v));
}
