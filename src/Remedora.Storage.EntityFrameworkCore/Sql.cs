namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>Table and column names of the fixed schema, shared by the EF Core model and the hand-written commands.</summary>
internal static class Sql
{
    public const string Documents = "documents";
    public const string IndexEntries = "document_index_entries";
    public const string IndexStates = "document_index_states";
    public const string QueueItems = "queue_items";
    public const string AuditRecords = "audit_records";
    public const string AuditChainHeads = "audit_chain_heads";
    public const string AuditPending = "audit_pending";
    public const string AuditTreeNodes = "audit_tree_nodes";
    public const string AuditIntegrationLeases = "audit_integration_leases";

    public const string QueueColumns =
        "tenant_id, id, queue, priority, due_at, available_at, jurisdiction, skill, pool, assigned_to, subject_id, reference, "
        + "message_type, payload, idempotency_key, status, attempts, lease_owner, lease_token, lease_expires_at, last_error, created_at, finished_at";

    public const string AuditColumns =
        "tenant_id, sequence, occurred_at, actor_id, actor_role, action, resource_type, resource_id, patient_id, outcome, purpose_of_use, "
        + "source_application, source_network_address, source_device, correlation_id, break_glass_reason, detail, "
        + "disclosure_recipient, disclosure_purpose, disclosure_description, previous_hash, hash";

    public const int Ready = (int)QueueItemStatus.Ready;
    public const int Leased = (int)QueueItemStatus.Leased;
    public const int Completed = (int)QueueItemStatus.Completed;
    public const int DeadLettered = (int)QueueItemStatus.DeadLettered;
    public const int Cancelled = (int)QueueItemStatus.Cancelled;

    /// <summary>Prefixes every column of a comma-separated list with a table alias.</summary>
    public static string Prefixed(string columns, string alias)
        => string.Join(", ", columns.Split(", ").Select(c => alias + "." + c));
}
