using CsCheck;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>
/// Generated answer sets (valid, wrong-typed, repeated, unknown, hostile text) for every real Questionnaire: the engine
/// with FHIRPath never throws, every problem is a result, and what it keeps exports as a QuestionnaireResponse. The
/// generator is CsCheck's, driven from a pinned seed so every run checks the same 10,010 answer sets.
/// </summary>
public class GeneratedAnswersPropertyTests
{
    private const int IterationsPerForm = 910; // x 11 forms = 10,010 answer sets
    private const ulong PinnedSeed = 20_261_128;

    private static readonly string[] Texts = ["", " ", "a", "Ω≈ç√", "<script>", "'; drop table", "9999999999999999999999", "-1", "1e308", "2024-02-30", "T25:61", "\u0000", new string('x', 300)];

    public static TheoryData<string> All() => QuestionnaireFiles.All();

    [Theory]
    [MemberData(nameof(All))]
    public void Evaluate_GeneratedAnswers_NeverThrowsAndEveryProblemIsAResult(string name)
    {
        var compiled = QuestionnaireFiles.Compiled(name);
        var gen = Gen.UInt.Array[0, 300];
        var pcg = new PCG(1, PinnedSeed + (ulong)StringComparer.Ordinal.GetHashCode(name) % 1000);
        var withAnswers = 0;

        for (var i = 0; i < IterationsPerForm; i++)
        {
            var choices = gen.Generate(pcg, null, out _);
            var response = new Builder(compiled.Definition, choices).Build();
            FormEvaluation evaluation;
            try
            {
                evaluation = compiled.Evaluate(response);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Iteration {i} of {name} threw {ex.GetType().Name}: choices {string.Join(",", choices)}");
                throw;
            }

            Assert.False(evaluation.Problems.Any(p => p.Code == IntakeProblemCodes.EvaluationFailed), $"Iteration {i} of {name} failed to evaluate: choices {string.Join(",", choices)}");
            Assert.All(evaluation.Problems.Concat(evaluation.Diagnostics), p => Assert.False(string.IsNullOrWhiteSpace(p.Code)));
            var qr = QuestionnaireResponseMapper.Export(evaluation.Response);
            Assert.Equal(evaluation.Response.Form.ToString(), qr.Questionnaire);
            withAnswers += evaluation.Response.Items.Count > 0 ? 1 : 0;
        }

        Assert.True(withAnswers > IterationsPerForm / 4, $"Only {withAnswers} of {IterationsPerForm} generated answer sets kept an answer.");
    }

    /// <summary>Turns a stream of random numbers into answers for a form.</summary>
    private sealed class Builder(FormDefinition form, uint[] choices)
    {
        private int _next;

        public FormResponse Build() => new() { Form = Next(20) == 0 ? new FormVersionReference(form.Url, "other") : form.Reference, Items = Items(form.Items, 0) };

        private uint Next(uint range) => range == 0 ? 0 : (_next < choices.Length ? choices[_next++] : 0) % range;

        private List<ResponseItem> Items(IReadOnlyList<FormItem> items, int depth)
        {
            var result = new List<ResponseItem>();
            foreach (var item in items)
            {
                var occurrences = Next(10) switch { 0 or 1 or 2 => 0, 9 => 2, _ => 1 };
                for (var o = 0; o < occurrences; o++)
                {
                    result.Add(item.Type is FormItemType.Group or FormItemType.Display
                        ? new ResponseItem { LinkId = item.LinkId, Items = depth < 6 ? Items(item.Items, depth + 1) : [], Answers = Next(30) == 0 ? [new ResponseAnswer(AnyValue())] : [] }
                        : new ResponseItem { LinkId = item.LinkId, Answers = Answers(item, depth) });
                }
            }

            if (Next(15) == 0)
            {
                result.Add(ResponseItem.Question(Next(2) == 0 ? "no-such-item" : Texts[Next((uint)Texts.Length)], AnyValue()));
            }

            return result;
        }

        private List<ResponseAnswer> Answers(FormItem item, int depth)
        {
            var count = Next(8) switch { 0 => 0, 7 => 3, _ => 1 };
            var answers = new List<ResponseAnswer>();
            for (var a = 0; a < count; a++)
            {
                var value = Next(3) == 0 ? AnyValue() : FormFiller.ValidValue(form, item) is { } valid ? Vary(item, valid) : AnyValue();
                answers.Add(new ResponseAnswer(value) { Items = item.Items.Count > 0 && depth < 6 ? Items(item.Items, depth + 1) : [] });
            }

            return answers;
        }

        private AnswerValue Vary(FormItem item, AnswerValue valid)
        {
            if (item.AnswerOptions.Count > 0)
            {
                return item.AnswerOptions[(int)Next((uint)item.AnswerOptions.Count)].Value;
            }

            return valid switch
            {
                DecimalAnswer => new DecimalAnswer(Number()),
                IntegerAnswer => new IntegerAnswer((int)Next(400) - 100),
                StringAnswer => new StringAnswer(Texts[Next((uint)Texts.Length)]),
                DateAnswer => new DateAnswer(FormDate.FromDateOnly(new DateOnly(1900 + (int)Next(200), 1 + (int)Next(12), 1 + (int)Next(28)))),
                TimeAnswer => new TimeAnswer(new TimeOnly((int)Next(24), (int)Next(60))),
                BooleanAnswer => AnswerValue.Of(Next(2) == 0),
                _ => valid,
            };
        }

        private decimal Number() => Next(6) switch
        {
            0 => 0m,
            1 => -(decimal)Next(1000) / 7,
            2 => 79228162514264337593543950335m,
            3 => 0.0000000001m,
            _ => (decimal)Next(100000) / 100,
        };

        private AnswerValue AnyValue() => Next(12) switch
        {
            0 => AnswerValue.Of(Next(2) == 0),
            1 => new DecimalAnswer(Number()),
            2 => new IntegerAnswer((int)Next(uint.MaxValue)),
            3 => new DateAnswer(FormDate.Partial(1 + (int)Next(9999))),
            4 => new DateTimeAnswer(FormDateTime.Parse("2021-03-04T05:06:07+01:00", null)),
            5 => new TimeAnswer(new TimeOnly((int)Next(24), (int)Next(60), (int)Next(60))),
            6 => new StringAnswer(Texts[Next((uint)Texts.Length)]),
            7 => new UriAnswer(Texts[Next((uint)Texts.Length)]),
            8 => AnswerValue.Code(Next(2) == 0 ? null : "http://loinc.org", Texts[Next((uint)Texts.Length)], Texts[Next((uint)Texts.Length)]),
            9 => new QuantityAnswer(new FormQuantity(Next(2) == 0 ? null : Number(), Texts[Next((uint)Texts.Length)], "http://unitsofmeasure.org", "kg")),
            10 => new AttachmentAnswer(new FormAttachment { ContentType = Texts[Next((uint)Texts.Length)], Size = Next(2) == 0 ? null : -5, Hash = "not base64!", Url = Texts[Next((uint)Texts.Length)] }),
            _ => new ReferenceAnswer(new FormReference(Texts[Next((uint)Texts.Length)])),
        };
    }
}
