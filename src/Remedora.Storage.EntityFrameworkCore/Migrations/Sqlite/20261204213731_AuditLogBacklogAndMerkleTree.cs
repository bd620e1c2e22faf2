using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.Sqlite
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
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_integration_leases", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_pending",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    commit_key = table.Column<long>(type: "INTEGER", nullable: false),
                    commit_id = table.Column<string>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    committed_at = table.Column<long>(type: "INTEGER", nullable: false),
                    occurred_at = table.Column<long>(type: "INTEGER", nullable: false),
                    actor_id = table.Column<string>(type: "TEXT", nullable: false),
                    actor_role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    resource_type = table.Column<string>(type: "TEXT", nullable: false),
                    resource_id = table.Column<string>(type: "TEXT", nullable: true),
                    patient_id = table.Column<string>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    purpose_of_use = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    source_application = table.Column<string>(type: "TEXT", nullable: true),
                    source_network_address = table.Column<string>(type: "TEXT", nullable: true),
                    source_device = table.Column<string>(type: "TEXT", nullable: true),
                    correlation_id = table.Column<string>(type: "TEXT", nullable: true),
                    break_glass_reason = table.Column<string>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", nullable: true),
                    disclosure_recipient = table.Column<string>(type: "TEXT", nullable: true),
                    disclosure_purpose = table.Column<string>(type: "TEXT", nullable: true),
                    disclosure_description = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_pending", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_tree_nodes",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    node_index = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
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
