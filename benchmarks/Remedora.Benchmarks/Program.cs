using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Remedora.Benchmarks;

/// <summary>
/// Runs the benchmark suites chosen on the command line, for example
/// <c>dotnet run -c Release --project benchmarks/Remedora.Benchmarks -- --filter '*IdBenchmarks*'</c>.
/// Use <c>benchmarks/run.sh &lt;filter&gt;</c> to also refresh docs/benchmarks.md.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
        => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args, DefaultConfig.Instance.AddDiagnoser(MemoryDiagnoser.Default));
}
