using CsCheck;
using Remedora.Intake.Engine;
using Remedora.Intake.Tests.Expressions;
using Remedora.Intake.Tests.Serialization;

namespace Remedora.Intake.Tests.Engine;

/// <summary>Checks that the generated answers reach the problems the property tests claim to cover.</summary>
public class FuzzerCoverageTests
{
    [Fact]
    public void Fuzzer_GeneratedAnswers_ReachEveryKindOfProblem()
    {
        var engine = new FormEngine([new TestLanguage()]);
        var codes = new HashSet<string>();
        var flags = new HashSet<string>();
        var disabledSeen = false;
        foreach (var form in new[] { SampleForms.Telehealth(), MoreSampleForms.NestedRepeats(), MoreSampleForms.Conditions(), FormJsonTests.KitchenSink() })
        {
            var compiled = engine.Compile(form);
            Gen.UInt.Array[0, 400].Sample(
                choices =>
                {
                    var evaluation = compiled.Evaluate(new ResponseFuzzer(form, choices).Build());
                    lock (codes)
                    {
                        codes.UnionWith(evaluation.Problems.Select(p => p.Code.StartsWith(IntakeProblemCodes.ConstraintPrefix, StringComparison.Ordinal) ? IntakeProblemCodes.ConstraintPrefix : p.Code));
                        flags.UnionWith(evaluation.RedFlags.Select(f => f.RuleId));
                        disabledSeen |= evaluation.Items.Any(i => !i.Enabled);
                    }
                },
                iter: 500,
                seed: "0000000000001");
        }

        string[] expected =
        [
            IntakeProblemCodes.FormVersionMismatch, IntakeProblemCodes.UnknownItem, IntakeProblemCodes.MisplacedItem, IntakeProblemCodes.Required,
            IntakeProblemCodes.Repeats, IntakeProblemCodes.MaxOccurs, IntakeProblemCodes.Type, IntakeProblemCodes.Empty,
            IntakeProblemCodes.MaxLength, IntakeProblemCodes.MinLength, IntakeProblemCodes.Pattern, IntakeProblemCodes.MinValue, IntakeProblemCodes.MaxValue,
            IntakeProblemCodes.MaxDecimalPlaces, IntakeProblemCodes.AnswerOption, IntakeProblemCodes.Unit, IntakeProblemCodes.ContentType,
            IntakeProblemCodes.AttachmentSize, IntakeProblemCodes.AttachmentReference, IntakeProblemCodes.InvalidReference, IntakeProblemCodes.ConstraintPrefix,
        ];
        Assert.Empty(expected.Except(codes));
        Assert.Contains("chest-pain", flags);
        Assert.Contains("severe-reaction", flags);
        Assert.True(disabledSeen);
    }
}
