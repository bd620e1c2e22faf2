namespace Remedora.Intake;

/// <summary>How much of a <see cref="FormDate"/> or <see cref="FormDateTime"/> is known.</summary>
public enum DatePrecision
{
    /// <summary>The year only (<c>2024</c>).</summary>
    Year = 0,

    /// <summary>The year and month (<c>2024-05</c>).</summary>
    Month = 1,

    /// <summary>A full date (<c>2024-05-17</c>).</summary>
    Day = 2,

    /// <summary>A date and time to the minute (<c>2024-05-17T09:30+02:00</c>).</summary>
    Minute = 3,

    /// <summary>A date and time to the second (<c>2024-05-17T09:30:00Z</c>).</summary>
    Second = 4,

    /// <summary>A date and time with fractions of a second (<c>2024-05-17T09:30:00.250Z</c>).</summary>
    Fraction = 5,
}
