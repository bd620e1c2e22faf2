using Remedora.CarePaths;
using Remedora.CarePaths.Tests.BuiltIn;

namespace Remedora.CarePaths.Tests.Definitions;

public class ConcurrentFiringTests
{
    /// <summary>
    /// One definition (one configured Stateless machine) serves many cases on many threads at once: every result
    /// must equal what the reference model says for that case alone.
    /// </summary>
    [Fact]
    public void Fire_SharedDefinitionOnManyThreads_EveryCaseFollowsItsOwnState()
    {
        const int threads = 8;
        const int casesPerThread = 200;
        const int stepsPerCase = 12;
        var path = BuiltInCarePaths.Hybrid;
        var model = ReferenceModel.Hybrid();
        var mismatches = 0;
        var moves = 0;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        using var start = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var random = new Random(1000 + t);
            start.SignalAndWait();
            try
            {
                for (var c = 0; c < casesPerThread; c++)
                {
                    var careCase = TestData.NewCase(path);
                    var facts = TestData.Facts(careCase);
                    for (var s = 0; s < stepsPerCase; s++)
                    {
                        var permitted = model.TriggersFrom(careCase.State);
                        if (permitted.Count == 0)
                        {
                            break;
                        }

                        var input = new StepInput(permitted[random.Next(permitted.Count)], ActorRole.System, ConsentActive: true, NeedsLiveVisit: random.Next(4) == 0, EscalationReason.ClinicianDecision);
                        var expected = model.Step(careCase.State, input);
                        var actual = ModelBasedTests.FireStep(path, careCase, facts, input);
                        if (actual.IsMoved != (expected.Destination is not null) || (actual.IsMoved && actual.Destination != expected.Destination))
                        {
                            Interlocked.Increment(ref mismatches);
                        }

                        if (actual.IsMoved)
                        {
                            Interlocked.Increment(ref moves);
                            careCase = careCase with { State = actual.Destination };
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        })).ToList();

        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());

        Assert.Empty(errors);
        Assert.Equal(0, mismatches);
        Assert.True(moves > threads * casesPerThread * 4, $"only {moves} moves");
    }
}
