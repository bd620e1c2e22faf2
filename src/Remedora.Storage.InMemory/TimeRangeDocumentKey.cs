namespace Remedora.Storage.InMemory;

/// <summary>One document under one time-range constraint of its collection.</summary>
internal readonly record struct TimeRangeDocumentKey(TenantId Tenant, string Collection, string Constraint, string Key);
