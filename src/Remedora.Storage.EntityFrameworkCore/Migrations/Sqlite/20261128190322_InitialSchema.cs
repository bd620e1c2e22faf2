using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    internal partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_chain_heads",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_heads", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
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
                    disclosure_description = table.Column<string>(type: "TEXT", nullable: true),
                    previous_hash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_records", x => new { x.tenant_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    collection = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    document_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    data = table.Column<string>(type: "TEXT", nullable: false),
                    key1 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    key2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    key3 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    key4 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    number1 = table.Column<long>(type: "INTEGER", nullable: true),
                    number2 = table.Column<long>(type: "INTEGER", nullable: true),
                    time1 = table.Column<long>(type: "INTEGER", nullable: true),
                    time2 = table.Column<long>(type: "INTEGER", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => new { x.tenant_id, x.collection, x.document_key });
                });

            migrationBuilder.CreateTable(
                name: "queue_items",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "TEXT", maxLength: 63, nullable: false),
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    queue = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    priority = table.Column<int>(type: "INTEGER", nullable: false),
                    due_at = table.Column<long>(type: "INTEGER", nullable: false),
                    available_at = table.Column<long>(type: "INTEGER", nullable: false),
                    jurisdiction = table.Column<string>(type: "TEXT", nullable: true),
                    skill = table.Column<string>(type: "TEXT", nullable: true),
                    pool = table.Column<string>(type: "TEXT", nullable: true),
                    assigned_to = table.Column<string>(type: "TEXT", nullable: true),
                    subject_id = table.Column<string>(type: "TEXT", nullable: true),
                    reference = table.Column<string>(type: "TEXT", nullable: true),
                    message_type = table.Column<string>(type: "TEXT", nullable: true),
                    payload = table.Column<string>(type: "TEXT", nullable: true),
                    idempotency_key = table.Column<string>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    lease_owner = table.Column<string>(type: "TEXT", nullable: true),
                    lease_token = table.Column<string>(type: "TEXT", nullable: true),
                    lease_expires_at = table.Column<long>(type: "INTEGER", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    finished_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queue_items", x => new { x.tenant_id, x.id });
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_actor",
                table: "audit_records",
                columns: new[] { "tenant_id", "actor_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_occurred_at",
                table: "audit_records",
                columns: new[] { "tenant_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_records_patient",
                table: "audit_records",
                columns: new[] { "tenant_id", "patient_id", "sequence" },
                filter: "\"patient_id\" IS NOT NULL");

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

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_claim",
                table: "queue_items",
                columns: new[] { "tenant_id", "queue", "priority", "due_at", "id" },
                descending: new[] { false, false, true, false, false },
                filter: "\"status\" IN (0, 1)");

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_created",
                table: "queue_items",
                columns: new[] { "tenant_id", "queue", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_lease_owner",
                table: "queue_items",
                columns: new[] { "tenant_id", "lease_owner", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_queue_items_status",
                table: "queue_items",
                columns: new[] { "tenant_id", "queue", "status", "available_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_chain_heads");

            migrationBuilder.DropTable(
                name: "audit_records");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropTable(
                name: "queue_items");
        }
    }
}
