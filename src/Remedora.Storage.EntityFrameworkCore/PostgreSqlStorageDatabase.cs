using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;
using Remedora.Storage.EntityFrameworkCore.Model;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>PostgreSQL: the schema is the connection's search path, so the same migrations serve any schema name.</summary>
internal sealed class PostgreSqlStorageDatabase : StorageDatabase
{
    private readonly PooledDbContextFactory<PostgreSqlStorageContext> _factory;

    public PostgreSqlStorageDatabase(EntityFrameworkCoreStorageOptions options, ILoggerFactory? loggerFactory, ILogger logger)
        : base(PostgreSqlDialect.Instance, BuildConnectionString(options), logger)
    {
        Schema = options.Schema;
        var contextOptions = new DbContextOptionsBuilder<PostgreSqlStorageContext>()
            .UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsHistoryTable(StorageContext.MigrationsHistoryTable, options.Schema));
        ConfigureCommon(contextOptions, loggerFactory);
        _factory = new PooledDbContextFactory<PostgreSqlStorageContext>(contextOptions.Options);
    }

    public string Schema { get; }

    public static string BuildConnectionString(EntityFrameworkCoreStorageOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            SearchPath = options.Schema,
        };
        return builder.ToString();
    }

    public override void Dispose()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    protected override async ValueTask<StorageContext> RentAsync(CancellationToken cancellationToken)
        => await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Npgsql pools physical connections, so each operation rents a pooled context and opens its connection.</summary>
    protected override async ValueTask<StorageContext> OpenAsync(CancellationToken cancellationToken)
    {
        var context = await _factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await OpenConnectionAsync(context, cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask ReleaseAsync(StorageContext context)
    {
        await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        await context.DisposeAsync().ConfigureAwait(false);
    }

    public override Task<T> AutoCommitAsync<T>(Func<DbConnection, DbTransaction?, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        => ReadAsync<T>((connection, ct) => work(connection, null, ct), cancellationToken);

    protected override ValueTask<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
        => connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    protected override async Task PrepareSchemaAsync(StorageContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = context.Database.GetDbConnection();
            var statement = Dialect.Statement("SELECT COUNT(*) FROM pg_catalog.pg_namespace WHERE nspname = @schema").Text("@schema", Schema);
            await using var exists = Dialect.Command(connection, null, statement);
            if ((long)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
            {
                // The schema name is validated (a-z, 0-9, '_'), so quoting it is enough.
                await using var create = connection.CreateCommand();
                create.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{Schema}\"";
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
