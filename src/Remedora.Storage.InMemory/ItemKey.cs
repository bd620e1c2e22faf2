namespace Remedora.Storage.InMemory;

/// <summary>A queue item's identity: tenant first, as in every provider.</summary>
internal readonly record struct ItemKey(TenantId Tenant, Guid Id);
