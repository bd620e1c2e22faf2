using System.Buffers.Text;
using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>The audit reports hand out sealed continuation tokens: bound to the actor and the query, refused when altered, audited.</summary>
public sealed class AuditReportTokensTests
{
    private readonly AuditHarness _harness = new();
    private readonly Id<Patient> _patient = Id<Patient>.New();
    private readonly Id<Practitioner> _doctor = Id<Practitioner>.New();

    [Fact]
    public async Task GetAccessLogAsync_TokenReplayedAlteredOrOnAnotherQuery_Refused()
    {
        _harness.Relationships.CareTeams.Add((_doctor, _patient));
        var doctor = ActorContext.ForClinician(_harness.Tenant, _doctor, "dr-chen");
        var patient = ActorContext.ForPatient(_harness.Tenant, _patient);
        await using (var session = _harness.Storage.OpenSession(_harness.Tenant))
        {
            for (var i = 0; i < 5; i++)
            {
                await _harness.Guard.AuthorizeAsync(session, new Remedora.Access.AccessRequest(doctor, Remedora.Access.AccessAction.Read, $"Type{i}", _harness.Tenant, _patient, "r"));
            }

            await session.CommitAsync();
        }

        var query = new PatientAuditQuery { Limit = 2 };
        var token = (await _harness.Reports.GetAccessLogAsync(patient, _patient, query)).ContinuationToken!;
        var bytes = Base64Url.DecodeFromChars(token);
        bytes[^1] ^= 0x80;

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => _harness.Reports.GetAccessLogAsync(_harness.Admin, _patient, query with { ContinuationToken = token }));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => _harness.Reports.GetAccessLogAsync(patient, _patient, query with { Limit = 3, ContinuationToken = token }));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => _harness.Reports.GetDisclosuresAsync(patient, _patient, query with { ContinuationToken = token }));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => _harness.Reports.GetAccessLogAsync(patient, _patient, query with { ContinuationToken = Base64Url.EncodeToString(bytes) }));
        Assert.Equal(2, (await _harness.Reports.GetAccessLogAsync(patient, _patient, query with { ContinuationToken = token })).Items.Count);
        Assert.Equal(4, _harness.Events.Count(e => e.Outcome == AuditOutcome.Failed && e.Detail == StorageErrorCodes.InvalidContinuationToken));
    }
}
