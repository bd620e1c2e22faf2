using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Remedora.Diagnostics;

/// <summary>
/// The one <see cref="System.Diagnostics.Metrics.Meter"/> and one <see cref="System.Diagnostics.ActivitySource"/>
/// every Remedora package reports through, both named <see cref="Name"/>.
/// </summary>
/// <remarks>
/// Subscribe with OpenTelemetry (<c>AddMeter("Remedora")</c>, <c>AddSource("Remedora")</c>) or with a
/// <see cref="MeterListener"/> / <see cref="ActivityListener"/>. Instruments and activities never carry patient data;
/// tags are ids, codes, tenants and outcomes.
/// </remarks>
public static class RemedoraTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "Remedora";

    private static readonly string Version = typeof(RemedoraTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>Gets the shared activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>Gets the shared meter.</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
