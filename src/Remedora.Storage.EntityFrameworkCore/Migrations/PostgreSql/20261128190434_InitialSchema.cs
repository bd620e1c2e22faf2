using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Remedora.Storage.EntityFrameworkCore.Migrations.PostgreSql
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
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_heads", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "audit_records",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
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
                    disclosure_description = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    previous_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_records", x => new { x.tenant_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    collection = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    document_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    data = table.Column<string>(type: "text", nullable: false, collation: "C"),
                    key1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    key2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    key3 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    key4 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true, collation: "C"),
                    number1 = table.Column<long>(type: "bigint", nullable: true),
                    number2 = table.Column<long>(type: "bigint", nullable: true),
                    time1 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    time2 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_documents", x => new { x.tenant_id, x.collection, x.document_key });
                });

            migrationBuilder.CreateTable(
                name: "queue_items",
                columns: table => new
                {
                    tenant_id = table.Column<string>(type: "character varying(63)", maxLength: 63, nullable: false, collation: "C"),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    queue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false, collation: "C"),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    available_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    jurisdiction = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    skill = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    pool = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    assigned_to = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    subject_id = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    reference = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    message_type = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    payload = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    idempotency_key = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    status = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    lease_owner = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    lease_token = table.Column<Guid>(type: "uuid", nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true, collation: "C"),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
