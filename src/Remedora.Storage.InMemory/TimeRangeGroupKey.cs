namespace Remedora.Storage.InMemory;

/// <summary>One group of one time-range constraint of a collection in a tenant.</summary>
internal readonly record struct TimeRangeGroupKey(TenantId Tenant, string Collection, string Constraint, string Group);
