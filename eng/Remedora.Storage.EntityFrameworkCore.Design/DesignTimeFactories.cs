using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Remedora.Storage.EntityFrameworkCore.Model;

namespace Remedora.Storage.EntityFrameworkCore.Design;

/// <summary>Creates the SQLite context for <c>dotnet ef</c>; no database is opened to add a migration.</summary>
internal sealed class SqliteStorageContextFactory : IDesignTimeDbContextFactory<SqliteStorageContext>
{
    public SqliteStorageContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<SqliteStorageContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable))
            .Options);
}

/// <summary>
/// Creates the PostgreSQL context for <c>dotnet ef</c>. The model has no schema (the schema is the connection's search
/// path), so one migration set serves every schema name. Set <c>REMEDORA_DESIGN_POSTGRES</c> to a connection string
/// for commands that need a database (<c>database update</c>); adding a migration needs none.
/// </summary>
internal sealed class PostgreSqlStorageContextFactory : IDesignTimeDbContextFactory<PostgreSqlStorageContext>
{
    public PostgreSqlStorageContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgreSqlStorageContext>()
            .UseNpgsql(
                Environment.GetEnvironmentVariable("REMEDORA_DESIGN_POSTGRES") ?? "Host=localhost;Database=remedora_design",
                o => o.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable))
            .Options);
}

/// <summary>Generates migrations as <c>internal</c> classes, so they stay out of the package's public API.</summary>
internal sealed class StorageDesignTimeServices : IDesignTimeServices
{
    public void ConfigureDesignTimeServices(IServiceCollection serviceCollection)
        => serviceCollection.Replace(ServiceDescriptor.Singleton<IMigrationsCodeGenerator, InternalMigrationsGenerator>());

    private sealed class InternalMigrationsGenerator(MigrationsCodeGeneratorDependencies dependencies, CSharpMigrationsGeneratorDependencies csharpDependencies)
        : CSharpMigrationsGenerator(dependencies, csharpDependencies)
    {
        public override string GenerateMigration(string? migrationNamespace, string migrationName, IReadOnlyList<Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation> upOperations, IReadOnlyList<Microsoft.EntityFrameworkCore.Migrations.Operations.MigrationOperation> downOperations)
            => Internal(base.GenerateMigration(migrationNamespace, migrationName, upOperations, downOperations));

        public override string GenerateMetadata(string? migrationNamespace, Type contextType, string migrationName, string migrationId, Microsoft.EntityFrameworkCore.Metadata.IModel targetModel)
            => Internal(base.GenerateMetadata(migrationNamespace, contextType, migrationName, migrationId, targetModel));

        public override string GenerateSnapshot(string? modelSnapshotNamespace, Type contextType, string modelSnapshotName, Microsoft.EntityFrameworkCore.Metadata.IModel model)
            => Internal(base.GenerateSnapshot(modelSnapshotNamespace, contextType, modelSnapshotName, model));

        private static string Internal(string code) => code.Replace("public partial class", "internal partial class", StringComparison.Ordinal);
    }
}
