using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Remedora.Diagnostics;

namespace Remedora.Access;

/// <summary>
/// The deny-by-default access policy.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Nothing crosses tenants.</item>
/// <item>A staff actor (clinician, care coordinator, pharmacist, or any actor that carries a practitioner id) is
/// accepted only while that practitioner is an active member of the actor's tenant
/// (<see cref="ICareRelationships.IsActiveTenantMemberAsync"/>); otherwise every decision, break-glass and records
/// that are not patient data included, is denied with <see cref="AccessBasis.NotTenantMember"/>, which looks like
/// "not found". Administrators carry no practitioner id and are not checked against practitioner records.</item>
/// <item>A patient reaches only their own records (read, search, create, update, export, print).</item>
/// <item>A clinician, care coordinator or pharmacist reaches the records of patients whose care team they are on, for
/// whom they hold a work item, or for whom they completed a work item within
/// <see cref="RemedoraOptions.CompletedWorkAccessWindow"/>; what they may do depends on the role (see
/// <see cref="RoleActions"/>).</item>
/// <item>An administrator reaches patient data only with a stated purpose of use.</item>
/// <item>The application itself (<see cref="ActorRole.System"/>) reaches everything in its tenant.</item>
/// <item>A clinical actor without a relationship may invoke break-glass with a reason; the grant lasts
/// <see cref="RemedoraOptions.BreakGlassDuration"/> from its start (a grant that starts in the future is not in force)
/// and the decision is flagged.</item>
/// <item>Records that are not patient data (practitioners, form definitions) are readable by every actor of the
/// tenant and writable by administrators with a purpose and the system.</item>
/// </list>
/// </remarks>
public sealed class DefaultAccessPolicy : IAccessPolicy
{
    private readonly ICareRelationships _relationships;
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<RemedoraOptions> _options;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="DefaultAccessPolicy"/> class.</summary>
    /// <param name="relationships">Answers tenant-membership, care-team and work-item relationship questions.</param>
    /// <param name="timeProvider">The clock used to check break-glass expiry and the completed-work window.</param>
    /// <param name="options">The options (break-glass duration, completed-work access window).</param>
    /// <param name="logger">The logger; decisions are logged with identifiers and roles only.</param>
    public DefaultAccessPolicy(ICareRelationships relationships, TimeProvider timeProvider, IOptions<RemedoraOptions> options, ILogger<DefaultAccessPolicy>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(relationships);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _relationships = relationships;
        _timeProvider = timeProvider;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Gets the actions each role may perform on patient data it is in scope for.</summary>
    /// <param name="role">The role.</param>
    /// <returns>The permitted actions.</returns>
    public static IReadOnlySet<AccessAction> RoleActions(ActorRole role) => role switch
    {
        ActorRole.Patient => PatientActions,
        ActorRole.Clinician => ClinicianActions,
        ActorRole.CareCoordinator => CoordinatorActions,
        ActorRole.Pharmacist => PharmacistActions,
        ActorRole.Administrator or ActorRole.System => AllActions,
        _ => EmptyActions,
    };

    /// <inheritdoc/>
    public async ValueTask<AccessDecision> EvaluateAsync(AccessRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = await DecideAsync(request, cancellationToken).ConfigureAwait(false);
        if (!decision.IsAllowed)
        {
            RemedoraLog.AccessDenied(_logger, request.Actor.Role, request.Action, request.ResourceType, decision.Basis);
        }
        else if (decision.IsBreakGlass)
        {
            RemedoraLog.BreakGlassGranted(_logger, request.Actor.Role, request.Actor.UserId, request.Action, request.ResourceType);
        }

        return decision;
    }

    private async ValueTask<AccessDecision> DecideAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        var actor = request.Actor;
        if (actor.TenantId != request.TenantId)
        {
            return AccessDecision.Deny(AccessBasis.OtherTenant);
        }

        if (IsStaff(actor) && !await IsActiveMemberAsync(actor, cancellationToken).ConfigureAwait(false))
        {
            return AccessDecision.Deny(AccessBasis.NotTenantMember);
        }

        if (request.PatientId is not { } patientId)
        {
            return DecideNonPatientRecord(request);
        }

        switch (actor.Role)
        {
            case ActorRole.System:
                return AccessDecision.Allow(AccessBasis.System);

            case ActorRole.Administrator:
                return actor.PurposeOfUse is null
                    ? AccessDecision.Deny(AccessBasis.PurposeRequired)
                    : AccessDecision.Allow(AccessBasis.AdministrativePurpose);

            case ActorRole.Patient:
                if (actor.PatientId != patientId)
                {
                    return AccessDecision.Deny(AccessBasis.NoRelationship);
                }

                return Permit(actor.Role, request.Action, AccessBasis.OwnRecord);

            case ActorRole.Clinician or ActorRole.CareCoordinator or ActorRole.Pharmacist:
                return await DecideClinicalAsync(request, actor, patientId, cancellationToken).ConfigureAwait(false);

            default:
                return AccessDecision.Deny(AccessBasis.NoRelationship);
        }
    }

    private async ValueTask<AccessDecision> DecideClinicalAsync(AccessRequest request, ActorContext actor, Id<Patient> patientId, CancellationToken cancellationToken)
    {
        if (actor.PractitionerId is { } practitionerId)
        {
            if (await _relationships.IsOnCareTeamAsync(actor.TenantId, practitionerId, patientId, cancellationToken).ConfigureAwait(false))
            {
                return Permit(actor.Role, request.Action, AccessBasis.CareTeamMember);
            }

            if (await _relationships.HoldsWorkItemForAsync(actor.TenantId, practitionerId, patientId, cancellationToken).ConfigureAwait(false))
            {
                return Permit(actor.Role, request.Action, AccessBasis.HoldsWorkItem);
            }

            var window = _options.Value.CompletedWorkAccessWindow;
            if (window > TimeSpan.Zero
                && await _relationships.CompletedWorkItemForAsync(actor.TenantId, practitionerId, patientId, _timeProvider.GetUtcNow() - window, cancellationToken).ConfigureAwait(false))
            {
                return Permit(actor.Role, request.Action, AccessBasis.RecentlyCompletedWork);
            }
        }

        if (actor.BreakGlass is { } grant)
        {
            var elapsed = _timeProvider.GetUtcNow() - grant.StartedAt;
            if (elapsed < TimeSpan.Zero || elapsed > _options.Value.BreakGlassDuration)
            {
                return AccessDecision.Deny(AccessBasis.BreakGlassExpired);
            }

            return Permit(actor.Role, request.Action, AccessBasis.BreakGlass);
        }

        return AccessDecision.Deny(AccessBasis.NoRelationship);
    }

    /// <summary>Staff roles act as a practitioner; so does any actor that carries a practitioner id.</summary>
    private static bool IsStaff(ActorContext actor)
        => actor.PractitionerId is not null || actor.Role is ActorRole.Clinician or ActorRole.CareCoordinator or ActorRole.Pharmacist;

    private ValueTask<bool> IsActiveMemberAsync(ActorContext actor, CancellationToken cancellationToken)
        => actor.PractitionerId is { } practitionerId
            ? _relationships.IsActiveTenantMemberAsync(actor.TenantId, practitionerId, cancellationToken)
            : ValueTask.FromResult(false);

    private static AccessDecision DecideNonPatientRecord(AccessRequest request)
    {
        if (request.Action is AccessAction.Read or AccessAction.Search)
        {
            return AccessDecision.Allow(AccessBasis.TenantMember);
        }

        return request.Actor.Role switch
        {
            ActorRole.System => AccessDecision.Allow(AccessBasis.System),
            ActorRole.Administrator when request.Actor.PurposeOfUse is not null => AccessDecision.Allow(AccessBasis.AdministrativePurpose),
            ActorRole.Administrator => AccessDecision.Deny(AccessBasis.PurposeRequired),
            _ => AccessDecision.Deny(AccessBasis.ActionNotPermitted),
        };
    }

    private static AccessDecision Permit(ActorRole role, AccessAction action, AccessBasis basis)
        => RoleActions(role).Contains(action) ? AccessDecision.Allow(basis) : AccessDecision.Deny(AccessBasis.ActionNotPermitted);

    private static readonly IReadOnlySet<AccessAction> AllActions = Enum.GetValues<AccessAction>().ToHashSet();
    private static readonly IReadOnlySet<AccessAction> EmptyActions = new HashSet<AccessAction>();
    private static readonly IReadOnlySet<AccessAction> PatientActions = new HashSet<AccessAction>
    {
        AccessAction.Read, AccessAction.Search, AccessAction.Create, AccessAction.Update, AccessAction.Export, AccessAction.Print,
    };

    private static readonly IReadOnlySet<AccessAction> ClinicianActions = new HashSet<AccessAction>
    {
        AccessAction.Read, AccessAction.Search, AccessAction.Create, AccessAction.Update, AccessAction.Export, AccessAction.Print, AccessAction.Disclose,
    };

    private static readonly IReadOnlySet<AccessAction> CoordinatorActions = new HashSet<AccessAction>
    {
        AccessAction.Read, AccessAction.Search, AccessAction.Create, AccessAction.Update, AccessAction.Print,
    };

    private static readonly IReadOnlySet<AccessAction> PharmacistActions = new HashSet<AccessAction>
    {
        AccessAction.Read, AccessAction.Search, AccessAction.Create, AccessAction.Update,
    };
}
