using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Remedora.Access;
using Remedora.Testing;

namespace Remedora.Core.Tests.Docs;

/// <summary>The code shown in docs/core.md and docs/errors.md, kept here so it compiles and does what the text says.</summary>
public class CoreDocSnippetTests
{
    [Fact]
    public void CoreMd_ActorContexts_HaveTheirDocumentedPurposes()
    {
        var tenantId = TestData.TenantId;
        var patientId = Id<Patient>.New();
        var practitionerId = Id<Practitioner>.New();
        var timeProvider = TestClock.Create();

        // begin-snippet: core-actor-contexts
        var patient = ActorContext.ForPatient(tenantId, patientId);              // purpose PATRQT
        var clinician = ActorContext.ForClinician(tenantId, practitionerId);     // purpose TREAT
        var admin = ActorContext.ForAdministrator(tenantId, "admin-7", PurposeOfUse.Operations);
        var sweep = ActorContext.ForSystem(tenantId, "sla-sweep");               // purpose HOPERAT
        var emergency = clinician.WithBreakGlass("Patient unresponsive in a video visit", timeProvider.GetUtcNow());
        // end-snippet

        Assert.Equal(["PATRQT", "TREAT", "HOPERAT", "HOPERAT", "ETREAT"], new[] { patient, clinician, admin, sweep, emergency }.Select(a => a.PurposeOfUse?.Code));
    }

    [Fact]
    public void CoreMd_Registration_KeepsAnOwnPolicyAndSetsTheOptions()
    {
        var services = new ServiceCollection();

        // begin-snippet: core-replacing-the-policy
        services.AddSingleton<IAccessPolicy, MyAccessPolicy>();
        services.AddRemedora();
        // end-snippet

        // begin-snippet: core-registration-and-options
        services.AddRemedora(r => r.Configure(o =>
        {
            o.ApplicationId = "acme-portal";                 // 1 to 63 of a-z 0-9 . _ -; the default is "remedora"
            o.BreakGlassDuration = TimeSpan.FromMinutes(30);  // 1 minute to 1 day; the default is one hour
        }));
        // end-snippet

        using var provider = services.BuildServiceProvider();
        Assert.IsType<MyAccessPolicy>(provider.GetRequiredService<IAccessPolicy>());
        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<RemedoraOptions>>().Value.BreakGlassDuration);
    }

    [Fact]
    public async Task ErrorsMd_DeniedDecision_ThrowsTheMappedException()
    {
        var patientRecord = TestData.Patient().Build();
        var accessPolicy = new DefaultAccessPolicy(new FakeCareRelationships(), TestClock.Create(), Options.Create(new RemedoraOptions()));
        var request = new AccessRequest(ActorContext.ForClinician(patientRecord.TenantId, Id<Practitioner>.New()), AccessAction.Read, ResourceTypes.Patient, patientRecord.TenantId, patientRecord.Id, patientRecord.Id.ToString());

        var ex = await Assert.ThrowsAsync<RecordNotFoundException>(() => ReadAsync(accessPolicy, request, CancellationToken.None));

        Assert.Equal(404, StatusCodeFor(ex));
        Assert.Equal(403, StatusCodeFor(new AccessDeniedException("CareCase", "delete", ActorRole.Patient)));
        Assert.Equal(409, StatusCodeFor(new ConcurrencyConflictException("CareCase", "c-1", 1, 2)));
        Assert.Equal(503, StatusCodeFor(new GatewayUnavailableException("surescripts")));
        Assert.Equal(422, StatusCodeFor(new BreakGlassReasonRequiredException()));
        Assert.Equal("remedora.prescribing.gateway_unavailable", new GatewayUnavailableException("x").Code);
    }

    // docs/errors.md: checking access
    private static async Task ReadAsync(IAccessPolicy accessPolicy, AccessRequest request, CancellationToken cancellationToken)
    {
        // begin-snippet: errors-checking-access
        var decision = await accessPolicy.EvaluateAsync(request, cancellationToken);
        if (!decision.IsAllowed)
        {
            throw decision.ToException(request); // RecordNotFoundException or AccessDeniedException
        }
        // end-snippet
    }

    // begin-snippet: errors-status-code-by-category
    private static int StatusCodeFor(RemedoraException exception) => exception.Category switch
    {
        RemedoraErrorCategory.NotFound => 404,
        RemedoraErrorCategory.Conflict => 409,
        RemedoraErrorCategory.Validation => 422,
        RemedoraErrorCategory.Forbidden => 403,
        RemedoraErrorCategory.Unavailable => 503,
        _ => 500,
    };
    // end-snippet

    // begin-snippet: errors-package-codes
    public static class PrescribingErrorCodes
    {
        public const string GatewayUnavailable = "remedora.prescribing.gateway_unavailable";
    }

    public sealed class GatewayUnavailableException : RemedoraException
    {
        public GatewayUnavailableException(string gateway, Exception? inner = null)
            : base(PrescribingErrorCodes.GatewayUnavailable, RemedoraErrorCategory.Unavailable, $"The eRx gateway '{gateway}' is unavailable. Retry later; the prescription stays queued.", inner)
        {
        }
    }
    // end-snippet

    private sealed class MyAccessPolicy : IAccessPolicy
    {
        public ValueTask<AccessDecision> EvaluateAsync(AccessRequest request, CancellationToken cancellationToken = default)
            => ValueTask.FromResult(AccessDecision.Deny(AccessBasis.NoRelationship));
    }
}
