namespace Remedora.Storage;

/// <summary>How storage keeps instants: UTC, truncated to whole microseconds (the precision every provider keeps).</summary>
public static class StorageTime
{
    /// <summary>Converts an instant to UTC and truncates it to whole microseconds.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The stored form.</returns>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
