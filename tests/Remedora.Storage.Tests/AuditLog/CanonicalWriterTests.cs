using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Remedora.Storage.Tests.AuditLog;

/// <summary>
/// The canonical form is what every stored hash covers, so its bytes may never change: the writer must produce exactly
/// what a <see cref="Utf8JsonWriter"/> writes for the same members (the reference below), for any text.
/// </summary>
public sealed class CanonicalWriterTests
{
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        Gen.String[Gen.Char[' ', '\u00ff'], 0, 20],
        Gen.String[Gen.Char['\u0000', '\u2fff'], 0, 12],
        Gen.String[Gen.Char['\ud7f0', '\ue010'], 0, 6],
        Gen.Const("<script>&'+`\"\\"));

    private static readonly Gen<AuditEvent> Events =
        from text in Gen.Select(Text, Text, Text, Text)
        from optional in Gen.Select(Text.Null(), Text.Null(), Text.Null(), Text.Null())
        from numbers in Gen.Select(Gen.Long[0, 3_155_378_975_999_999_999L], Gen.Int[0, 9], Gen.Int[0, 12], Gen.Int[0, 4])
        from flags in Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Guid)
        select new AuditEvent
        {
            OccurredAt = StorageTime.Normalize(new DateTimeOffset(numbers.Item1, TimeSpan.Zero)),
            TenantId = TenantId.Parse("t-1"),
            ActorId = text.Item1,
            ActorRole = (ActorRole)numbers.Item2,
            Action = (AuditAction)numbers.Item3,
            ResourceType = text.Item2,
            ResourceId = optional.Item1,
            PatientId = flags.Item1 && flags.Item4 != Guid.Empty ? new Id<Patient>(flags.Item4) : null,
            Outcome = (AuditOutcome)numbers.Item4,
            PurposeOfUse = flags.Item2 ? PurposeOfUse.Treatment : null,
            Source = flags.Item3 ? new RequestSource(text.Item3, optional.Item2, optional.Item3) : null,
            CorrelationId = optional.Item4,
            BreakGlassReason = flags.Item2 ? text.Item4 : null,
            Detail = optional.Item1,
            Disclosure = flags.Item3 && flags.Item1 ? new Disclosure(text.Item1, text.Item2, text.Item4) : null,
        };

    [Fact]
    public void GetCanonicalBytes_AnyEvent_IsWhatUtf8JsonWriterWrites()
    {
        Gen.Select(Events, Gen.Long[1, long.MaxValue]).Sample((auditEvent, sequence) =>
        {
            var expected = Reference(sequence, auditEvent);
            var buffer = new ArrayBufferWriter<byte>();
            buffer.Write("prefix"u8);
            AuditChain.WriteCanonical(sequence, auditEvent, buffer);
            return AuditChain.GetCanonicalBytes(sequence, auditEvent).AsSpan().SequenceEqual(expected)
                && buffer.WrittenSpan[6..].SequenceEqual(expected);
        }, iter: 3000);
    }

    [Fact]
    public void GetCanonicalBytes_LoneSurrogates_AreReplacedAsUtf8JsonWriterDoes()
    {
        var auditEvent = Events.Single() with { ActorId = "a\udb80b", Detail = "\ude8e", CorrelationId = "x\ud83d\ude00y\ud83d" };

        var text = Encoding.UTF8.GetString(AuditChain.GetCanonicalBytes(3, auditEvent));

        Assert.Equal(Reference(3, auditEvent), AuditChain.GetCanonicalBytes(3, auditEvent));
        Assert.Contains("\"actor\":\"a\\uFFFDb\"", text, StringComparison.Ordinal);
        Assert.Contains("\"corr\":\"x\\uD83D\\uDE00y\\uFFFD\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Seal_AnyEvent_HashesPreviousHashThenReferenceBytes()
    {
        Gen.Select(Events, Gen.Long[0, long.MaxValue - 1], Gen.Byte.Array[32]).Sample((auditEvent, sequence, previous) =>
        {
            var record = AuditChain.Seal(new AuditChainHead(sequence, previous), auditEvent);
            return record.Sequence == sequence + 1
                && record.Hash.Span.SequenceEqual(SHA256.HashData([.. previous, .. Reference(sequence + 1, auditEvent)]))
                && record.PreviousHash.Span.SequenceEqual(previous);
        }, iter: 1000);
    }

    [Fact]
    public void Seal_HeadHashOfWrongLength_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => AuditChain.Seal(new AuditChainHead(3, new byte[31]), Events.Single()));

        Assert.Equal("head", error.ParamName);
    }

    [Fact]
    public void GetCanonicalBytes_LongText_GrowsTheBufferAndMatchesReference()
    {
        var auditEvent = Events.Single() with { Detail = new string('x', 5000) + "é<" + new string('y', 3000) };

        Assert.Equal(Reference(9, auditEvent), AuditChain.GetCanonicalBytes(9, auditEvent));
        Assert.Equal(Reference(10, auditEvent with { Detail = "short" }), AuditChain.GetCanonicalBytes(10, auditEvent with { Detail = "short" }));
    }

    /// <summary>The canonical form written member by member with <see cref="Utf8JsonWriter"/>, its defining implementation.</summary>
    private static byte[] Reference(long sequence, AuditEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("v", AuditChain.CanonicalVersion);
            writer.WriteNumber("seq", sequence);
            writer.WriteString("tenant", e.TenantId.Value);
            writer.WriteString("at", e.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("actor", e.ActorId);
            writer.WriteString("role", e.ActorRole.ToString());
            writer.WriteString("action", e.Action.ToString());
            writer.WriteString("type", e.ResourceType);
            writer.WriteString("id", e.ResourceId);
            writer.WriteString("patient", e.PatientId?.ToString());
            writer.WriteString("outcome", e.Outcome.ToString());
            writer.WriteString("purpose", e.PurposeOfUse?.Code);
            if (e.Source is { } source)
            {
                writer.WriteStartObject("source");
                writer.WriteString("app", source.Application);
                writer.WriteString("addr", source.NetworkAddress);
                writer.WriteString("device", source.Device);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("source");
            }

            writer.WriteString("corr", e.CorrelationId);
            writer.WriteString("breakGlass", e.BreakGlassReason);
            writer.WriteString("detail", e.Detail);
            if (e.Disclosure is { } disclosure)
            {
                writer.WriteStartObject("disclosure");
                writer.WriteString("recipient", disclosure.Recipient);
                writer.WriteString("purpose", disclosure.Purpose);
                writer.WriteString("description", disclosure.Description);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("disclosure");
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
