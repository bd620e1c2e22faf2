using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>
/// Reads audit rows in two steps so that stored data never makes a read throw: each column is first taken as the raw
/// value the database holds (whatever its type), then decoded strictly. A column that cannot be decoded makes the row
/// an <see cref="UnreadableAuditRow"/> naming the column and a reason code (never the value).
/// </summary>
/// <remarks>
/// Decoding accepts exactly the forms the provider writes (SQLite: instants as INTEGER microseconds, ids as lower-case
/// TEXT; PostgreSQL: timestamptz and uuid), so a value the chain could not have produced is a problem of its row rather
/// than something that reads back as an equal record. Columns that only make sense together (the source, the
/// disclosure) must be all there or all absent.
/// </remarks>
internal static class AuditRowDecoder
{
    private static readonly string[] Columns = Sql.AuditColumns.Split(", ");
    private static readonly Dictionary<string, ActorRole> Roles = Enum.GetValues<ActorRole>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
    private static readonly Dictionary<string, AuditAction> Actions = Enum.GetValues<AuditAction>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
    private static readonly Dictionary<string, AuditOutcome> Outcomes = Enum.GetValues<AuditOutcome>().ToDictionary(v => v.ToString(), StringComparer.Ordinal);
    private static readonly long MinMicroseconds = (DateTimeOffset.MinValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Gets the column names in <see cref="Sql.AuditColumns"/> order.</summary>
    public static IReadOnlyList<string> ColumnNames => Columns;

    /// <summary>Reads the current row (columns in <see cref="Sql.AuditColumns"/> order) as a record or an unreadable row.</summary>
    public static AuditChainEntry Read(DbDataReader reader)
    {
        var raw = new object?[Columns.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            try
            {
                raw[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException or NotSupportedException)
            {
                // The driver cannot represent the stored value (for example a timestamp beyond year 9999).
                raw[i] = Unrepresentable.Instance;
            }
        }

        return Decode(raw);
    }

    /// <summary>Decodes raw column values (in <see cref="Sql.AuditColumns"/> order; null for SQL NULL).</summary>
    public static AuditChainEntry Decode(object?[] raw)
    {
        long? sequence = raw[1] is long s && s >= 1 ? s : null;
        return new Builder(raw, sequence).Build();
    }

    /// <summary>Reads a chain head row (sequence, hash) without throwing on stored data.</summary>
    public static AuditChainHead ReadHead(DbDataReader reader)
    {
        object? sequence;
        object? hash;
        try
        {
            sequence = reader.IsDBNull(0) ? null : reader.GetValue(0);
            hash = reader.IsDBNull(1) ? null : reader.GetValue(1);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException or ArgumentException or NotSupportedException)
        {
            return new AuditChainHead(0, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(null, "audit_chain_heads", AuditRowProblem.WrongType) };
        }

        if (sequence is not long s)
        {
            return new AuditChainHead(0, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(null, "sequence", sequence is null ? AuditRowProblem.Missing : AuditRowProblem.WrongType) };
        }

        if (s < 0)
        {
            return new AuditChainHead(0, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(null, "sequence", AuditRowProblem.OutOfRange) };
        }

        if (hash is not byte[] bytes)
        {
            return new AuditChainHead(s, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(s, "hash", hash is null ? AuditRowProblem.Missing : AuditRowProblem.WrongType) };
        }

        return bytes.Length == AuditChain.HashLength
            ? new AuditChainHead(s, bytes)
            : new AuditChainHead(s, AuditChain.GenesisHash) { Unreadable = new UnreadableAuditRow(s, "hash", AuditRowProblem.WrongLength) };
    }

    /// <summary>Decodes one row column by column, stopping at the first column that cannot be decoded.</summary>
    private sealed class Builder(object?[] raw, long? sequence)
    {
        private UnreadableAuditRow? _problem;

        public AuditChainEntry Build()
        {
            var tenantText = RequiredText(0);
            var seq = Sequence(1);
            var occurredAt = Instant(2);
            var actor = RequiredText(3);
            var role = Name(4, Roles);
            var action = Name(5, Actions);
            var resourceType = RequiredText(6);
            var resourceId = OptionalText(7);
            var patient = OptionalUuid(8);
            var outcome = Name(9, Outcomes);
            var purposeText = OptionalText(10);
            var app = OptionalText(11);
            var address = OptionalText(12);
            var device = OptionalText(13);
            var correlation = OptionalText(14);
            var breakGlass = OptionalText(15);
            var detail = OptionalText(16);
            var recipient = OptionalText(17);
            var disclosurePurpose = OptionalText(18);
            var disclosureDescription = OptionalText(19);
            var previousHash = Hash(20);
            var hash = Hash(21);
            if (_problem is not null)
            {
                return AuditChainEntry.Failed(_problem, Link());
            }

            if (!TenantId.TryParse(tenantText, out var tenant))
            {
                return Fail(0, AuditRowProblem.Malformed);
            }

            PurposeOfUse? purpose = null;
            if (purposeText is not null && !TryPurpose(purposeText, out purpose))
            {
                return Fail(10, AuditRowProblem.Malformed);
            }

            if (app is null && (address is not null || device is not null))
            {
                return Fail(address is not null ? 12 : 13, AuditRowProblem.Inconsistent);
            }

            if (recipient is null && (disclosurePurpose is not null || disclosureDescription is not null))
            {
                return Fail(disclosurePurpose is not null ? 18 : 19, AuditRowProblem.Inconsistent);
            }

            if (recipient is not null && (disclosurePurpose is null || disclosureDescription is null))
            {
                return Fail(disclosurePurpose is null ? 18 : 19, AuditRowProblem.Missing);
            }

            var auditEvent = new AuditEvent
            {
                TenantId = tenant,
                OccurredAt = occurredAt,
                ActorId = actor!,
                ActorRole = role,
                Action = action,
                ResourceType = resourceType!,
                ResourceId = resourceId,
                PatientId = patient is { } p ? new Id<Patient>(p) : null,
                Outcome = outcome,
                PurposeOfUse = purpose,
                Source = app is null ? null : new RequestSource(app, address, device),
                CorrelationId = correlation,
                BreakGlassReason = breakGlass,
                Detail = detail,
                Disclosure = recipient is null ? null : new Disclosure(recipient, disclosurePurpose!, disclosureDescription!),
            };
            return AuditChainEntry.Read(new AuditRecord(seq, auditEvent, previousHash!, hash!));
        }

        private AuditChainEntry Fail(int column, AuditRowProblem problem)
            => AuditChainEntry.Failed(new UnreadableAuditRow(sequence, Columns[column], problem), Link());

        /// <summary>Gets the stored previous hash when it is a whole hash: it places a row whose sequence cannot be read.</summary>
        private ReadOnlyMemory<byte>? Link() => raw[20] is byte[] { Length: AuditChain.HashLength } link ? link : (ReadOnlyMemory<byte>?)null;

        private bool Note(int column, AuditRowProblem problem)
        {
            _problem ??= new UnreadableAuditRow(sequence, Columns[column], problem);
            return false;
        }

        private bool Usable(int column, [NotNullWhen(true)] out object? value)
        {
            value = raw[column];
            if (_problem is not null || value is null)
            {
                return false;
            }

            return value is not Unrepresentable || Note(column, AuditRowProblem.OutOfRange);
        }

        private string? RequiredText(int column)
        {
            if (_problem is null && raw[column] is null)
            {
                Note(column, AuditRowProblem.Missing);
            }

            return OptionalText(column);
        }

        private string? OptionalText(int column)
        {
            if (!Usable(column, out var value))
            {
                return null;
            }

            if (value is string text)
            {
                return text;
            }

            Note(column, AuditRowProblem.WrongType);
            return null;
        }

        private long Sequence(int column)
        {
            if (!Usable(column, out var value))
            {
                if (_problem is null)
                {
                    Note(column, AuditRowProblem.Missing);
                }

                return 0;
            }

            if (value is not long number)
            {
                Note(column, AuditRowProblem.WrongType);
                return 0;
            }

            if (number < 1)
            {
                Note(column, AuditRowProblem.OutOfRange);
            }

            return number;
        }

        private DateTimeOffset Instant(int column)
        {
            if (!Usable(column, out var value))
            {
                if (_problem is null)
                {
                    Note(column, AuditRowProblem.Missing);
                }

                return default;
            }

            switch (value)
            {
                case long micros when micros >= MinMicroseconds && micros <= MaxMicroseconds:
                    return SqlValues.FromUnixMicroseconds(micros);
                case long:
                    Note(column, AuditRowProblem.OutOfRange);
                    return default;
                case DateTime time when time.Kind != DateTimeKind.Local && time != DateTime.MinValue && time != DateTime.MaxValue:
                    return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
                case DateTimeOffset instant when instant != DateTimeOffset.MinValue && instant != DateTimeOffset.MaxValue:
                    return instant.ToUniversalTime();
                case DateTime or DateTimeOffset:
                    Note(column, AuditRowProblem.OutOfRange);
                    return default;
                default:
                    Note(column, AuditRowProblem.WrongType);
                    return default;
            }
        }

        private Guid? OptionalUuid(int column)
        {
            if (!Usable(column, out var value))
            {
                return null;
            }

            switch (value)
            {
                case Guid id when id == Guid.Empty:
                    // No record names the empty id (an Id<Patient> cannot be empty).
                    Note(column, AuditRowProblem.OutOfRange);
                    return null;
                case Guid id:
                    return id;
                case string text when Guid.TryParseExact(text, "D", out var id):
                    if (id == Guid.Empty)
                    {
                        Note(column, AuditRowProblem.OutOfRange);
                    }
                    else if (!string.Equals(text, id.ToString("D"), StringComparison.Ordinal))
                    {
                        Note(column, AuditRowProblem.NotCanonical);
                    }

                    return id;
                case string:
                    Note(column, AuditRowProblem.Malformed);
                    return null;
                default:
                    Note(column, AuditRowProblem.WrongType);
                    return null;
            }
        }

        private TEnum Name<TEnum>(int column, Dictionary<string, TEnum> names)
            where TEnum : struct, Enum
        {
            var text = RequiredText(column);
            if (text is null)
            {
                return default;
            }

            if (names.TryGetValue(text, out var value))
            {
                return value;
            }

            Note(column, AuditRowProblem.UnknownName);
            return default;
        }

        private byte[]? Hash(int column)
        {
            if (!Usable(column, out var value))
            {
                if (_problem is null)
                {
                    Note(column, AuditRowProblem.Missing);
                }

                return null;
            }

            if (value is not byte[] bytes)
            {
                Note(column, AuditRowProblem.WrongType);
                return null;
            }

            if (bytes.Length != AuditChain.HashLength)
            {
                Note(column, AuditRowProblem.WrongLength);
            }

            return bytes;
        }

        private static bool TryPurpose(string code, [NotNullWhen(true)] out PurposeOfUse? purpose)
        {
            try
            {
                purpose = new PurposeOfUse(code);
                return true;
            }
            catch (ArgumentException)
            {
                purpose = null;
                return false;
            }
        }
    }

    /// <summary>Stands for a stored value the database driver could not convert.</summary>
    private sealed class Unrepresentable
    {
        public static readonly Unrepresentable Instance = new();
    }
}
