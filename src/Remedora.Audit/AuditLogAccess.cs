using Remedora.Access;
using Remedora.Storage;

namespace Remedora.Audit;

/// <summary>
/// The access rule for operations over a tenant's whole audit log (queries across patients, checkpoints): on top of
/// the access policy, only an administrator who states a purpose of use and the application itself may perform them.
/// </summary>
internal static class AuditLogAccess
{
    /// <summary>The resource type of audit log reports, in access requests and audit records.</summary>
    public const string ResourceType = "AuditLog";

    public static async Task AuthorizeLogWideAsync(AuditServices services, IStorageSession session, ActorContext actor, AccessAction action, string detail, CancellationToken cancellationToken)
    {
        var refusal = actor.Role switch
        {
            ActorRole.System => null,
            ActorRole.Administrator when actor.PurposeOfUse is not null => null,
            ActorRole.Administrator => "denied:PurposeRequired",
            _ => "denied:RoleNotPermitted",
        };

        if (refusal is not null)
        {
            await using (var denied = services.Sessions.OpenSession(actor.TenantId))
            {
                denied.Audit(AuditEvent.For(actor, AuditEvent.ActionFor(action), ResourceType, null, null, AuditOutcome.Denied, services.TimeProvider.GetUtcNow()) with
                {
                    Detail = $"{refusal};{detail}",
                });
                await denied.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            throw new AccessDeniedException(ResourceType, action.ToString().ToLowerInvariant(), actor.Role);
        }

        var request = new AccessRequest(actor, action, ResourceType, actor.TenantId, null);
        await services.Guard.AuthorizeAsync(session, request, e => e with { Detail = $"{e.Detail};{detail}" }, cancellationToken).ConfigureAwait(false);
    }
}
