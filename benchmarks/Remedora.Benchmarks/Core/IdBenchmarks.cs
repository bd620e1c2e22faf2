using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Remedora.Benchmarks.Core;

/// <summary>
/// <see cref="Id{T}"/> beside the <see cref="Guid"/> it wraps: parse, format and JSON both ways. Each category's
/// baseline is the raw <see cref="Guid"/> operation, so the Ratio column is the cost of the strong type.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class IdBenchmarks
{
    private const string Text = "0193a0f2-7c1e-7d4a-9b1e-2f5c3a8d9e10";
    private const string Json = "\"" + Text + "\"";

    private readonly Guid _guid = Guid.Parse(Text);
    private readonly Id<Patient> _id = Id<Patient>.Parse(Text);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Parse")]
    public Guid GuidParse() => Guid.Parse(Text);

    [Benchmark]
    [BenchmarkCategory("Parse")]
    public Id<Patient> IdParse() => Id<Patient>.Parse(Text);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Format")]
    public string GuidFormat() => _guid.ToString();

    [Benchmark]
    [BenchmarkCategory("Format")]
    public string IdFormat() => _id.ToString();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("JsonWrite")]
    public string GuidJsonWrite() => JsonSerializer.Serialize(_guid);

    [Benchmark]
    [BenchmarkCategory("JsonWrite")]
    public string IdJsonWrite() => JsonSerializer.Serialize(_id);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("JsonRead")]
    public Guid GuidJsonRead() => JsonSerializer.Deserialize<Guid>(Json);

    [Benchmark]
    [BenchmarkCategory("JsonRead")]
    public Id<Patient> IdJsonRead() => JsonSerializer.Deserialize<Id<Patient>>(Json);
}
