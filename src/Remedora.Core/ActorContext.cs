namespace Remedora;

/// <summary>
/// Who is acting: the user, their role, their tenant, why they act and, for emergency access, the break-glass
/// reason. Every operation that touches patient data takes one, checks it against the access policy and audits it.
/// </summary>
/// <remarks>
/// <para>Instances are immutable; create them with the <c>For…</c> factory methods and refine them with the
/// <c>With…</c> methods. An actor context carries identifiers only, never patient details.</para>
/// <para>Build it from a verified identity. A staff context (clinician, care coordinator, pharmacist) names a
/// practitioner; the default access policy accepts it only while that practitioner is an active member of
/// <see cref="TenantId"/> (a stored, active <see cref="Practitioner"/> record of the tenant), break-glass included.
/// An administrator context names no practitioner and is not checked against practitioner records.</para>
/// </remarks>
public sealed class ActorContext
{
    private ActorContext(TenantId tenantId, string userId, ActorRole role, PurposeOfUse? purposeOfUse, Id<Patient>? patientId, Id<Practitioner>? practitionerId)
    {
        if (tenantId.IsEmpty)
        {
            throw new ArgumentException("An actor acts within a tenant; the tenant id is empty.", nameof(tenantId));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        TenantId = tenantId;
        UserId = userId;
        Role = role;
        PurposeOfUse = purposeOfUse;
        PatientId = patientId;
        PractitionerId = practitionerId;
    }

    /// <summary>Gets the tenant the actor acts in. No operation reaches another tenant's records.</summary>
    public TenantId TenantId { get; }

    /// <summary>Gets the application's identifier of the user (or component, for <see cref="ActorRole.System"/>).</summary>
    public string UserId { get; }

    /// <summary>Gets the role the actor acts in.</summary>
    public ActorRole Role { get; }

    /// <summary>Gets why the actor acts.</summary>
    /// <value>The purpose of use; <see langword="null"/> when none was stated.</value>
    public PurposeOfUse? PurposeOfUse { get; private init; }

    /// <summary>Gets the patient the actor is, for <see cref="ActorRole.Patient"/>.</summary>
    public Id<Patient>? PatientId { get; }

    /// <summary>Gets the practitioner the actor is, for clinical roles.</summary>
    public Id<Practitioner>? PractitionerId { get; }

    /// <summary>Gets the break-glass grant when the actor invoked emergency access.</summary>
    /// <value>The grant; <see langword="null"/> for ordinary access.</value>
    public BreakGlassGrant? BreakGlass { get; private init; }

    /// <summary>Gets a value indicating whether the actor invoked emergency (break-glass) access.</summary>
    public bool IsBreakGlass => BreakGlass is not null;

    /// <summary>Gets where the request came from.</summary>
    /// <value>The source; <see langword="null"/> when unknown.</value>
    public RequestSource? Source { get; private init; }

    /// <summary>Gets the correlation id that ties the records of one request together.</summary>
    /// <value>The correlation id; <see langword="null"/> when none was given.</value>
    public string? CorrelationId { get; private init; }

    /// <summary>Creates the context of a patient acting for themselves.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="patientId">The patient.</param>
    /// <param name="userId">The application's user id; defaults to the patient id.</param>
    /// <returns>The actor context, with purpose of use <see cref="PurposeOfUse.PatientRequest"/>.</returns>
    public static ActorContext ForPatient(TenantId tenantId, Id<Patient> patientId, string? userId = null)
        => new(tenantId, userId ?? patientId.ToString(), ActorRole.Patient, Remedora.PurposeOfUse.PatientRequest, RequireId(patientId), null);

    /// <summary>Creates the context of a clinician.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    /// <param name="userId">The application's user id; defaults to the practitioner id.</param>
    /// <returns>The actor context, with purpose of use <see cref="PurposeOfUse.Treatment"/>.</returns>
    public static ActorContext ForClinician(TenantId tenantId, Id<Practitioner> practitionerId, string? userId = null)
        => ForPractitioner(tenantId, practitionerId, ActorRole.Clinician, userId);

    /// <summary>Creates the context of a care coordinator.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The coordinator's practitioner record.</param>
    /// <param name="userId">The application's user id; defaults to the practitioner id.</param>
    /// <returns>The actor context, with purpose of use <see cref="PurposeOfUse.Treatment"/>.</returns>
    public static ActorContext ForCareCoordinator(TenantId tenantId, Id<Practitioner> practitionerId, string? userId = null)
        => ForPractitioner(tenantId, practitionerId, ActorRole.CareCoordinator, userId);

    /// <summary>Creates the context of a pharmacist.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The pharmacist's practitioner record.</param>
    /// <param name="userId">The application's user id; defaults to the practitioner id.</param>
    /// <returns>The actor context, with purpose of use <see cref="PurposeOfUse.Treatment"/>.</returns>
    public static ActorContext ForPharmacist(TenantId tenantId, Id<Practitioner> practitionerId, string? userId = null)
        => ForPractitioner(tenantId, practitionerId, ActorRole.Pharmacist, userId);

    /// <summary>Creates the context of an administrator.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The application's user id.</param>
    /// <param name="purposeOfUse">Why they act; administrators reach patient data only with a stated purpose.</param>
    /// <returns>The actor context.</returns>
    public static ActorContext ForAdministrator(TenantId tenantId, string userId, PurposeOfUse? purposeOfUse = null)
        => new(tenantId, userId, ActorRole.Administrator, purposeOfUse, null, null);

    /// <summary>Creates the context of the application itself (a sweep, a dispatcher, an integration).</summary>
    /// <param name="tenantId">The tenant the work is for.</param>
    /// <param name="component">The component, for example <c>sla-sweep</c>; recorded as the user id.</param>
    /// <returns>The actor context, with purpose of use <see cref="PurposeOfUse.Operations"/>.</returns>
    public static ActorContext ForSystem(TenantId tenantId, string component)
        => new(tenantId, component, ActorRole.System, Remedora.PurposeOfUse.Operations, null, null);

    /// <summary>Returns a copy that states a purpose of use.</summary>
    /// <param name="purposeOfUse">The purpose.</param>
    /// <returns>The new context.</returns>
    public ActorContext WithPurpose(PurposeOfUse purposeOfUse) => new(this) { PurposeOfUse = purposeOfUse };

    /// <summary>
    /// Returns a copy that invokes emergency (break-glass) access. Access granted this way is flagged in the audit
    /// record and raises an event the application can alert on.
    /// </summary>
    /// <param name="reason">Why ordinary access is not enough. Required; it is recorded in the audit log.</param>
    /// <param name="startedAt">When the actor invoked break-glass; the grant lasts as long as the access policy allows.</param>
    /// <returns>The new context, with purpose of use <see cref="PurposeOfUse.EmergencyTreatment"/>.</returns>
    /// <exception cref="BreakGlassReasonRequiredException"><paramref name="reason"/> is null, empty or white space.</exception>
    public ActorContext WithBreakGlass(string? reason, DateTimeOffset startedAt)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new BreakGlassReasonRequiredException();
        }

        return new(this) { BreakGlass = new BreakGlassGrant(reason.Trim(), startedAt), PurposeOfUse = Remedora.PurposeOfUse.EmergencyTreatment };
    }

    /// <summary>Returns a copy that records where the request came from.</summary>
    /// <param name="source">The source.</param>
    /// <returns>The new context.</returns>
    public ActorContext WithSource(RequestSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new(this) { Source = source };
    }

    /// <summary>Returns a copy that carries a correlation id.</summary>
    /// <param name="correlationId">The correlation id.</param>
    /// <returns>The new context.</returns>
    public ActorContext WithCorrelationId(string correlationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correlationId);
        return new(this) { CorrelationId = correlationId };
    }

    /// <summary>Returns the role, user id and tenant (identifiers only).</summary>
    /// <returns>A description of the actor without personal data.</returns>
    public override string ToString() => $"{Role} {UserId} in {TenantId}{(IsBreakGlass ? " (break-glass)" : string.Empty)}";

    private ActorContext(ActorContext other)
        : this(other.TenantId, other.UserId, other.Role, other.PurposeOfUse, other.PatientId, other.PractitionerId)
    {
        BreakGlass = other.BreakGlass;
        Source = other.Source;
        CorrelationId = other.CorrelationId;
    }

    private static ActorContext ForPractitioner(TenantId tenantId, Id<Practitioner> practitionerId, ActorRole role, string? userId)
        => new(tenantId, userId ?? practitionerId.ToString(), role, Remedora.PurposeOfUse.Treatment, null, RequireId(practitionerId));

    private static Id<T> RequireId<T>(Id<T> id)
        => id.IsEmpty ? throw new ArgumentException($"The {typeof(T).Name} id is empty.", nameof(id)) : id;
}
