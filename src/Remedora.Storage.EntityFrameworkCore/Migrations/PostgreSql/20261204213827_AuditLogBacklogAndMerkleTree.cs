using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.PostgreSql
{
    /// <inheritdoc />
    internal partial class AuditLogBacklogAndMerkleTree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_integration_leases",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    holder = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_integration_leases", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_pending",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    commit_key = table.Column<long>(type: "bigint", nullable: false),
                    commit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    committed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_id = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    actor_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    resource_type = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    resource_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    patient_id = table.Column<Guid>(type: "uuid", nullable: true),
                    outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false, collation: "C"),
                    purpose_of_use = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true, collation: "C"),
                    source_application = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    source_network_address = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    source_device = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    correlation_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    break_glass_reason = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    detail = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    disclosure_recipient = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    disclosure_purpose = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    disclosure_description = table.Column<string>(type: "text", nullable: true, collation: "C")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_pending", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    level = table.Column<int>(type: "integer", nullable: false),
                    node_index = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_tree_nodes", x => new { x.tenant_id, x.level, x.node_index });
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_pending_order",
                table: "audit_pending",
                columns: new[] { "tenant_id", "commit_key", "commit_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_integration_leases");

            migrationBuilder.DropTable(
                name: "audit_pending");

            migrationBuilder.DropTable(
                name: "audit_tree_nodes");
        }
    }
}
