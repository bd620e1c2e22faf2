using Remedora.Intake.Engine;

namespace Remedora.Intake.Tests.Engine;

/// <summary>
/// Items nested beyond <see cref="FormDefinition.MaxItemDepth"/> are refused with a typed error, and compilation work
/// grows linearly with the items (issue 15, item 13). Linearity is measured by counting allocated bytes, never by time.
/// </summary>
public class ItemDepthLimitTests
{
    private static FormItem Chain(int depth, string prefix = "g")
    {
        FormItem item = new() { LinkId = $"{prefix}{depth}", Type = FormItemType.String };
        for (var i = depth - 1; i >= 1; i--)
        {
            item = new FormItem { LinkId = $"{prefix}{i}", Type = FormItemType.Group, Items = [item] };
        }

        return item;
    }

    private static FormDefinition Form(string version, params FormItem[] items) => new() { Url = "https://forms.remedora.test/deep", Version = version, Items = items };

    [Theory]
    [InlineData(FormDefinition.MaxItemDepth + 1)]
    [InlineData(300)]
    [InlineData(2000)]
    public void Compile_ItemsNestedBeyondTheLimit_ThrowsTypedErrorNamingTheLimit(int depth)
    {
        var ex = Assert.Throws<FormDefinitionException>(() => new FormEngine().Compile(Form("1", Chain(depth))));

        var issue = Assert.Single(ex.Issues, i => i.Code == FormDefinitionIssueCodes.ItemNestingTooDeep);
        Assert.Equal(FormIssueSeverity.Error, issue.Severity);
        Assert.EndsWith($".item[g{FormDefinition.MaxItemDepth + 1}]", issue.Path, StringComparison.Ordinal);
        Assert.Contains($"nested deeper than {FormDefinition.MaxItemDepth}", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ItemsNestedAtTheLimit_Loads()
    {
        var compiled = new FormEngine().Compile(Form("1", Chain(FormDefinition.MaxItemDepth)));

        var evaluation = compiled.Evaluate(compiled.CreateInitialResponse());
        Assert.True(evaluation.IsValid);
    }

    [Fact]
    public void Compile_DeepChainAtTheLimit_AllocatesLinearlyInTheDepth()
    {
        // Before the fix an item's path was rebuilt from the root on every use and every item walked all its ancestors:
        // work grew with the cube of the depth. Counting bytes for a chain of half the limit and of the limit: linear
        // work doubles; quadratic work would quadruple.
        static long Measure(int depth, int run)
        {
            var form = Form($"m{depth}-{run}", Chain(depth));
            var engine = new FormEngine();
            var before = GC.GetAllocatedBytesForCurrentThread();
            engine.Compile(form);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(FormDefinition.MaxItemDepth, 0); // warm up
        var half = Measure(FormDefinition.MaxItemDepth / 2, 1);
        var full = Measure(FormDefinition.MaxItemDepth, 2);

        var ratio = (double)full / half;
        Assert.True(ratio < 2.6, $"Compiling {FormDefinition.MaxItemDepth} levels allocated {full} bytes, {ratio:0.00} times {FormDefinition.MaxItemDepth / 2} levels ({half}).");
    }

    [Fact]
    public void Compile_ManyDeepChains_AllocatesLinearlyInTheItems()
    {
        static long Measure(int chains, int run)
        {
            var items = Enumerable.Range(0, chains).Select(c => Chain(FormDefinition.MaxItemDepth, $"c{c}-")).ToArray();
            var form = Form($"w{chains}-{run}", items);
            var engine = new FormEngine();
            var before = GC.GetAllocatedBytesForCurrentThread();
            engine.Compile(form);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Measure(20, 0);
        var small = Measure(50, 1);
        var large = Measure(200, 2);

        var ratio = (double)large / small;
        Assert.True(ratio < 4.6, $"Four times the items allocated {ratio:0.00} times the bytes ({small} -> {large}).");
    }
}
