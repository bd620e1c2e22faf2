using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class TimeRangeConstraints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "time_range_constraints",
                columns: table => new
                {
                    collection = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    constraint_name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time_range_constraints", x => new { x.collection, x.constraint_name });
                });

            migrationBuilder.CreateTable(
                name: "time_ranges",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    collection = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    constraint_name = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    document_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    group_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_at = table.Column<long>(type: "INTEGER", nullable: false),
                    ends_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time_ranges", x => new { x.tenant_id, x.collection, x.constraint_name, x.document_key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_time_ranges_group",
                table: "time_ranges",
                columns: new[] { "tenant_id", "collection", "constraint_name", "group_key", "ends_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "time_range_constraints");

            migrationBuilder.DropTable(
                name: "time_ranges");
        }
    }
}
