namespace Remedora.Storage.EntityFrameworkCore;

/// <summary>How values are stored where the two databases differ.</summary>
internal static class SqlValues
{
    private static readonly long UnixEpochTicks = DateTimeOffset.UnixEpoch.UtcTicks;

    /// <summary>Converts an instant to microseconds since the Unix epoch (SQLite's INTEGER instants); exact for normalised instants.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset value) => (value.UtcTicks - UnixEpochTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Converts microseconds since the Unix epoch back to a UTC instant.</summary>
    public static DateTimeOffset FromUnixMicroseconds(long value) => new(UnixEpochTicks + (value * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
}
