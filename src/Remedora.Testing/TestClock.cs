using Microsoft.Extensions.Time.Testing;

namespace Remedora.Testing;

/// <summary>
/// The clock of Remedora tests: a <see cref="FakeTimeProvider"/> that starts at <see cref="Start"/> and moves only
/// when the test advances it.
/// </summary>
/// <remarks>
/// Every builder in this package dates its records relative to <see cref="Start"/>, so a test that creates its
/// clock with <see cref="Create()"/> sees consistent times without ever reading the wall clock.
/// </remarks>
public static class TestClock
{
    /// <summary>
    /// Gets the instant every test clock starts at: Monday 5 January 2026, 09:00:00 UTC.
    /// </summary>
    /// <value>2026-01-05T09:00:00+00:00.</value>
    public static DateTimeOffset Start { get; } = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Gets the UTC date of <see cref="Start"/>, the reference date of licence and registration dates.</summary>
    /// <value>2026-01-05.</value>
    public static DateOnly StartDate { get; } = DateOnly.FromDateTime(Start.UtcDateTime);

    /// <summary>Creates a fake clock set to <see cref="Start"/>, in the UTC time zone, that does not advance by itself.</summary>
    /// <returns>A new <see cref="FakeTimeProvider"/>; move it with <see cref="FakeTimeProvider.Advance(TimeSpan)"/>.</returns>
    public static FakeTimeProvider Create() => Create(Start);

    /// <summary>Creates a fake clock set to <paramref name="start"/>, in the UTC time zone, that does not advance by itself.</summary>
    /// <param name="start">The clock's initial time.</param>
    /// <returns>A new <see cref="FakeTimeProvider"/>.</returns>
    public static FakeTimeProvider Create(DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        return clock;
    }
}
