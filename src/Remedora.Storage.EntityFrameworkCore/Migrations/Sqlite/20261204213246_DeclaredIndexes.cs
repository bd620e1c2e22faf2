using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class DeclaredIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_documents_key1",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_key2",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_key3",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_key4",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_number1",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_number2",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_time1",
                table: "documents");

            migrationBuilder.DropIndex(
                name: "ix_documents_time2",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "key1",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "key2",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "key3",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "key4",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "number1",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "number2",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "time1",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "time2",
                table: "documents");

            migrationBuilder.CreateTable(
                name: "document_index_entries",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    collection = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    index_name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    entry_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    document_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    complete = table.Column<int>(type: "INTEGER", nullable: false),
                    is_unique = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_index_entries", x => new { x.tenant_id, x.collection, x.index_name, x.entry_key, x.document_key });
                });

            migrationBuilder.CreateTable(
                name: "document_index_states",
                columns: table => new
                {
                    collection = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    index_name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    built_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_index_states", x => new { x.collection, x.index_name });
                });

            migrationBuilder.CreateIndex(
                name: "ix_document_index_entries_document",
                table: "document_index_entries",
                columns: new[] { "tenant_id", "collection", "document_key", "index_name" });

            migrationBuilder.CreateIndex(
                name: "ux_document_index_entries_unique",
                table: "document_index_entries",
                columns: new[] { "tenant_id", "collection", "index_name", "entry_key" },
                unique: true,
                filter: "\"is_unique\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "document_index_entries");

            migrationBuilder.DropTable(
                name: "document_index_states");

            migrationBuilder.AddColumn<string>(
                name: "key1",
                table: "documents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "key2",
                table: "documents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "key3",
                table: "documents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "key4",
                table: "documents",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "number1",
                table: "documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "number2",
                table: "documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "time1",
                table: "documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "time2",
                table: "documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_key1",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "key1", "document_key" },
                filter: "\"key1\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_key2",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "key2", "document_key" },
                filter: "\"key2\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_key3",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "key3", "document_key" },
                filter: "\"key3\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_key4",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "key4", "document_key" },
                filter: "\"key4\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_number1",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "number1", "document_key" },
                filter: "\"number1\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_number2",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "number2", "document_key" },
                filter: "\"number2\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_time1",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "time1", "document_key" },
                filter: "\"time1\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_documents_time2",
                table: "documents",
                columns: new[] { "tenant_id", "collection", "time2", "document_key" },
                filter: "\"time2\" IS NOT NULL");
        }
    }
}
