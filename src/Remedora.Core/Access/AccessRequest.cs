namespace Remedora.Access;

/// <summary>A question put to the access policy: may this actor do this to this record?</summary>
/// <param name="Actor">Who is acting.</param>
/// <param name="Action">What they want to do.</param>
/// <param name="ResourceType">The kind of record, for example <c>Patient</c> (see <see cref="ResourceTypes"/>).</param>
/// <param name="TenantId">The tenant that owns the record.</param>
/// <param name="PatientId">The patient the record is about; <see langword="null"/> for records that are not patient data (a practitioner, a form definition).</param>
/// <param name="ResourceId">The record's id, when there is one record.</param>
public sealed record AccessRequest(
    ActorContext Actor,
    AccessAction Action,
    string ResourceType,
    TenantId TenantId,
    Id<Patient>? PatientId,
    string? ResourceId = null);
