using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.PostgreSql
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
                    collection = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    constraint_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_time_range_constraints", x => new { x.collection, x.constraint_name });
                });

            migrationBuilder.CreateTable(
                name: "time_ranges",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    collection = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    constraint_name = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    document_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    group_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ends_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
