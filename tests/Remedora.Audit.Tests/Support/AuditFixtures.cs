using Remedora.Storage;

namespace Remedora.Audit.Tests;

internal static class AuditFixtures
{
    public static readonly TenantId Tenant = TenantId.Parse("acme-derm");
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types = ["Patient", "CareCase", "Encounter", "WorkItem", "MedicationRequest"];

    /// <summary>An event with varied fields (including non-ASCII text and every optional part) chosen by <paramref name="i"/>.</summary>
    public static AuditEvent Event(int i, TenantId? tenant = null)
    {
        var patient = new Id<Patient>(new Guid(i + 1, 7, 7, 1, 2, 3, 4, 5, 6, 7, 8));
        return new AuditEvent
        {
            OccurredAt = Start.AddTicks(i * 13_370L),
            TenantId = tenant ?? Tenant,
            ActorId = i % 7 == 0 ? $"dr-zoë-{i % 11}" : $"user-{i % 17}",
            ActorRole = (ActorRole)(i % 6),
            Action = (AuditAction)(i % 10),
            ResourceType = Types[i % Types.Length],
            ResourceId = i % 3 == 0 ? null : $"res-{i}",
            PatientId = i % 5 == 0 ? null : patient,
            Outcome = (AuditOutcome)(i % 3),
            PurposeOfUse = i % 4 == 0 ? null : PurposeOfUse.Treatment,
            Source = i % 2 == 0 ? new RequestSource("portal", i % 4 == 0 ? "10.0.0.7" : null, i % 8 == 0 ? "Mozilla/5.0 <x>" : null) : null,
            CorrelationId = i % 6 == 0 ? null : $"corr-{i / 3}",
            BreakGlassReason = i % 9 == 0 ? "unconscious & no contact, \"urgent\"" : null,
            Detail = i % 2 == 0 ? "basis:CareTeamMember" : null,
            Disclosure = i % 10 == 7 ? new Disclosure("Pharmacy +1", "treatment", "prescription") : null,
        };
    }

    public static TestStorage Chain(int count, TenantId? tenant = null)
    {
        var storage = new TestStorage();
        storage.Append(tenant ?? Tenant, Enumerable.Range(0, count).Select(i => Event(i, tenant)));
        return storage;
    }

    /// <summary>A record sealed properly at <paramref name="sequence"/> after <paramref name="previousHash"/>.</summary>
    public static AuditRecord Forge(long sequence, ReadOnlyMemory<byte> previousHash, AuditEvent auditEvent)
        => AuditChain.Seal(new AuditChainHead(sequence - 1, previousHash), auditEvent);

    public static byte[] RandomHash(Random random)
    {
        var bytes = new byte[AuditChain.HashLength];
        random.NextBytes(bytes);
        return bytes;
    }
}
