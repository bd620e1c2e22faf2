using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Remedora.Diagnostics;

namespace Remedora.Core.Tests.Diagnostics;

public class RemedoraTelemetryTests
{
    [Fact]
    public void MeterAndActivitySource_AreNamedRemedora()
    {
        Assert.Equal("Remedora", RemedoraTelemetry.Name);
        Assert.Equal("Remedora", RemedoraTelemetry.Meter.Name);
        Assert.Equal("Remedora", RemedoraTelemetry.ActivitySource.Name);
    }

    [Fact]
    public void MeterAndActivitySource_CarryTheAssemblyVersion()
    {
        var version = typeof(RemedoraTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        Assert.Equal(version, RemedoraTelemetry.Meter.Version);
        Assert.Equal(version, RemedoraTelemetry.ActivitySource.Version);
        Assert.Same(RemedoraTelemetry.Meter, RemedoraTelemetry.Meter);
    }

    [Fact]
    public void ActivitySource_ListenedToByName_StartsActivities()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Remedora",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        using var activity = RemedoraTelemetry.ActivitySource.StartActivity("remedora.test");

        Assert.NotNull(activity);
        Assert.Equal("Remedora", activity.Source.Name);
    }

    [Fact]
    public void Meter_ListenedToByName_ReportsMeasurements()
    {
        var counter = RemedoraTelemetry.Meter.CreateCounter<long>("remedora.test.count." + Guid.NewGuid().ToString("N"));
        long total = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Remedora" && instrument == counter)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref total, value));
        listener.Start();

        counter.Add(2);
        counter.Add(3);

        Assert.Equal(5, Interlocked.Read(ref total));
    }
}
