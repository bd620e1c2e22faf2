namespace Remedora.Storage.InMemory;

/// <summary>The documents of one collection in one tenant.</summary>
internal readonly record struct PartitionKey(TenantId Tenant, string Collection);
