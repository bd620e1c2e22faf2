using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class OutboxPerHandlerAndMessageKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "message_key",
                table: "queue_items",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ux_queue_items_message_key",
                table: "queue_items",
                columns: new[] { "tenant_id", "queue", "message_key" },
                unique: true,
                filter: "\"message_key\" IS NOT NULL AND \"status\" IN (0, 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_queue_items_message_key",
                table: "queue_items");

            migrationBuilder.DropColumn(
                name: "message_key",
                table: "queue_items");
        }
    }
}
