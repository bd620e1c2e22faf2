using Remedora.Storage;

namespace Remedora.Audit.Tests;

/// <summary>Tamperings of a chain held by <see cref="TestStorage"/>, each returning the break a verifier must report.</summary>
internal static class Tamper
{
    public static AuditChainBreakExpectation Flip(List<AuditRecord> chain, int sequence, int field, Random random)
    {
        var index = sequence - 1;
        var r = chain[index];
        chain[index] = (field % 8) switch
        {
            0 => r with { Event = r.Event with { ActorId = r.Event.ActorId + "x" } },
            1 => r with { Event = r.Event with { OccurredAt = r.Event.OccurredAt.AddTicks(10) } },
            2 => r with { Event = r.Event with { Outcome = r.Event.Outcome == AuditOutcome.Success ? AuditOutcome.Denied : AuditOutcome.Success } },
            3 => r with { Hash = FlipByte(r.Hash, random) },
            4 => r with { PreviousHash = FlipByte(r.PreviousHash, random) },
            5 => r with { Event = r.Event with { PatientId = Id<Patient>.New() } },
            6 => r with { Event = r.Event with { Detail = (r.Event.Detail ?? string.Empty) + "!" } },
            _ => r with { Event = r.Event with { ResourceType = r.Event.ResourceType.ToLowerInvariant() } },
        };
        return new(sequence, AuditBreakReason.Changed);
    }

    public static AuditChainBreakExpectation Delete(List<AuditRecord> chain, int sequence)
    {
        chain.RemoveAt(sequence - 1);
        return new(sequence, AuditBreakReason.Deleted);
    }

    public static AuditChainBreakExpectation DeleteAndRenumber(List<AuditRecord> chain, int sequence)
    {
        chain.RemoveAt(sequence - 1);
        for (var i = sequence - 1; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = chain[i].Sequence - 1 };
        }

        return new(sequence, AuditBreakReason.Deleted);
    }

    public static AuditChainBreakExpectation Swap(List<AuditRecord> chain, int first, int second)
    {
        var a = chain[first - 1];
        var b = chain[second - 1];
        chain[first - 1] = b with { Sequence = a.Sequence };
        chain[second - 1] = a with { Sequence = b.Sequence };
        return new(Math.Min(first, second), AuditBreakReason.Reordered);
    }

    public static AuditChainBreakExpectation Insert(List<AuditRecord> chain, int sequence, bool forgeLink, Random random)
    {
        for (var i = sequence - 1; i < chain.Count; i++)
        {
            chain[i] = chain[i] with { Sequence = chain[i].Sequence + 1 };
        }

        var previous = sequence == 1 ? AuditChain.GenesisHash : chain[sequence - 2].Hash;
        var forgedEvent = AuditFixtures.Event(random.Next(1000)) with { ActorId = "intruder" };
        var forged = forgeLink
            ? AuditFixtures.Forge(sequence, previous, forgedEvent)
            : new AuditRecord(sequence, forgedEvent, AuditFixtures.RandomHash(random), AuditFixtures.RandomHash(random));
        chain.Insert(sequence - 1, forged);
        return new(sequence, AuditBreakReason.Inserted);
    }

    public static AuditChainBreakExpectation Truncate(List<AuditRecord> chain, int sequence)
    {
        chain.RemoveRange(sequence - 1, chain.Count - sequence + 1);
        return new(sequence, AuditBreakReason.Truncated);
    }

    /// <summary>Changes one record and recomputes every later hash and the head, as an attacker with full access would.</summary>
    public static void Rewrite(TestStorage storage, TenantId tenant, int sequence)
    {
        var chain = storage.Chain(tenant);
        var previous = sequence == 1 ? AuditChain.GenesisHash : chain[sequence - 2].Hash;
        for (var i = sequence - 1; i < chain.Count; i++)
        {
            var e = i == sequence - 1 ? chain[i].Event with { ActorId = "someone-else" } : chain[i].Event;
            chain[i] = AuditFixtures.Forge(chain[i].Sequence, previous, e);
            previous = chain[i].Hash;
        }

        storage.SetHead(tenant, new AuditChainHead(chain[^1].Sequence, chain[^1].Hash));
    }

    private static byte[] FlipByte(ReadOnlyMemory<byte> bytes, Random random)
    {
        var copy = bytes.ToArray();
        copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
        return copy;
    }
}

internal readonly record struct AuditChainBreakExpectation(long Index, AuditBreakReason Reason);
