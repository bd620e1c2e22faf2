using System.Text.Json.Nodes;
using CsCheck;
using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Serialization;

namespace Remedora.Fhir.Tests.Expressions;

/// <summary>
/// Scores and calculations the way forms in the wild write them: type-suffixed choice names anywhere in a path,
/// weight() on answers, %questionnaire as imported, and scores read from the answer's valueCoding.
/// </summary>
public class ScoringInteropTests
{
    private const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    private const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    private static readonly FormEngine Engine = new([new FhirPathLanguage()]);

    private static FormDefinition Form(string items) => QuestionnaireMapper.ImportJson($$"""
        {
          "resourceType": "Questionnaire", "url": "https://forms.example.org/si-{{Guid.NewGuid():N}}", "version": "1", "status": "active",
          "item": [{{items}}]
        }
        """).Definition;

    private static string Calc(string linkId, string type, string expression)
        => $$"""{ "linkId": "{{linkId}}", "type": "{{type}}", "readOnly": true, "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression", "valueExpression": { "language": "text/fhirpath", "expression": "{{expression.Replace("\"", "\\\"", StringComparison.Ordinal)}}" } } ] }""";

    /// <summary>A choice item whose options a, b, c score 3, 7, 11 with the given extension.</summary>
    private static string Scored(string linkId, string url = OrdinalValue, bool repeats = false) => $$"""
        { "linkId": "{{linkId}}", "type": "choice", "repeats": {{(repeats ? "true" : "false")}}, "answerOption": [
          { "valueCoding": { "system": "s", "code": "a" }, "extension": [ { "url": "{{url}}", "valueDecimal": 3 } ] },
          { "valueCoding": { "system": "s", "code": "b" }, "extension": [ { "url": "{{url}}", "valueDecimal": 7 } ] },
          { "valueCoding": { "system": "s", "code": "c" }, "extension": [ { "url": "{{url}}", "valueDecimal": 11 } ] } ] }
        """;

    private static IReadOnlyList<AnswerValue> Evaluate(FormDefinition form, string linkId, params ResponseItem[] items)
    {
        var evaluation = Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = items });
        Assert.DoesNotContain(evaluation.Problems, p => p.Code == IntakeProblemCodes.EvaluationFailed);
        return evaluation.AnswersOf(linkId);
    }

    private static decimal Number(IReadOnlyList<AnswerValue> answers) => Assert.Single(answers) switch
    {
        DecimalAnswer d => d.Value,
        IntegerAnswer i => i.Value,
        var other => throw new Xunit.Sdk.XunitException($"Expected a number, got {other}."),
    };

    // Item 1: a type-suffixed choice name wherever a path step can start.

    [Fact]
    public void Evaluate_ChoiceSuffixInsideWhereArgument_SelectsTheChoiceElementOfThatType()
    {
        var form = Form(Scored("q") + "," + Calc("t", "decimal", "%questionnaire.item.where(linkId='q').answerOption.where(valueCoding.code='b').extension.value"));

        Assert.Equal(7m, Number(Evaluate(form, "t")));
    }

    [Theory]
    [InlineData("%resource.item.where(linkId='n').answer.valueInteger.sum()", 9)] // top level
    [InlineData("%resource.item.where(linkId='n').answer.where(valueInteger > 3).valueInteger.sum()", 9)] // where()
    [InlineData("%resource.item.where(linkId='n').answer.select(valueInteger * 2).sum()", 18)] // select()
    [InlineData("iif(%resource.item.where(linkId='n').answer.exists(valueInteger = 9), 1, 0)", 1)] // exists()
    [InlineData("iif(%resource.item.where(linkId='n').answer.all(valueInteger > 10), 1, 0)", 0)] // all()
    [InlineData("%resource.repeat(item).where(linkId='n').answer.select(valueInteger).sum()", 9)] // after repeat()
    [InlineData("%resource.item.where(answer.exists(valueString = 'yes')).count()", 1)] // nested arguments, string
    [InlineData("%resource.item.where(linkId='n').answer.select((valueInteger)).sum()", 9)] // in parentheses
    [InlineData("%resource.item.where(linkId='q').answer.select(valueCoding.code = 'c').count()", 1)] // Coding
    [InlineData("%questionnaire.repeat(item).answerOption.where(valueCoding.code='c').extension.where(url='http://hl7.org/fhir/StructureDefinition/ordinalValue').valueDecimal.sum()", 11)]
    public void Evaluate_ChoiceSuffixAnywhereInAPath_SelectsTheChoiceElementOfThatType(string expression, int expected)
    {
        var form = Form("""{ "linkId": "n", "type": "integer" }, { "linkId": "s", "type": "string" },""" + Scored("q") + "," + Calc("t", "decimal", expression));

        var result = Evaluate(form, "t", ResponseItem.Question("n", AnswerValue.Of(9)), ResponseItem.Question("s", AnswerValue.Of("yes")), ResponseItem.Question("q", AnswerValue.Code("s", "c")));

        Assert.Equal(expected, Number(result));
    }

    [Fact]
    public void Evaluate_ChoiceSuffixOfAnotherType_SelectsNothing()
    {
        var form = Form("""{ "linkId": "n", "type": "integer" },""" + Calc("t", "integer", "%resource.item.where(linkId='n').answer.where(valueString.exists()).count()"));

        Assert.Equal(0, Number(Evaluate(form, "t", ResponseItem.Question("n", AnswerValue.Of(9)))));
    }

    [Fact]
    public void Evaluate_VariableNamedLikeAChoiceElement_IsStillTheVariable()
    {
        var json = $$"""
            {
              "resourceType": "Questionnaire", "url": "https://forms.example.org/si-var", "version": "1", "status": "active",
              "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "valueInteger", "language": "text/fhirpath", "expression": "40" } } ],
              "item": [ {{Calc("t", "integer", "%valueInteger + 2")}} ]
            }
            """;
        var form = QuestionnaireMapper.ImportJson(json).Definition;

        Assert.Equal(42, Number(Evaluate(form, "t")));
    }

    // Item 2: weight() and ordinal() on answers, Codings and options.

    [Theory]
    [InlineData("%resource.item.where(linkId='q').answer.weight().sum()")]
    [InlineData("%resource.item.where(linkId='q').answer.ordinal().sum()")]
    [InlineData("%resource.item.where(linkId='q').answer.value.weight().sum()")]
    [InlineData("%resource.item.where(linkId='q').answer.valueCoding.weight().sum()")]
    [InlineData("%resource.repeat(item).answer.weight().sum()")]
    [InlineData("%questionnaire.item.where(linkId='q').answerOption.where(valueCoding.code='a' or valueCoding.code='c').weight().sum()")]
    [InlineData("%questionnaire.item.where(linkId='q').answerOption.where(valueCoding.code='a' or valueCoding.code='c').valueCoding.weight().sum()")]
    public void Evaluate_WeightOnAnswersCodingsAndOptions_IsTheChosenOptionsScore(string expression)
    {
        // a scores 3 and c scores 11: 14 by hand.
        var form = Form(Scored("q", ItemWeight, repeats: true) + "," + Calc("t", "decimal", expression));

        Assert.Equal(14m, Number(Evaluate(form, "t", ResponseItem.Question("q", AnswerValue.Code("s", "a"), AnswerValue.Code("s", "c")))));
    }

    [Fact]
    public void Evaluate_WeightOnAnswerWithItsOwnScore_PrefersTheAnswersScore()
    {
        var form = Form(Scored("q") + "," + Calc("t", "decimal", "%resource.item.where(linkId='q').answer.weight().sum()"));
        var own = new CodingAnswer(new FormCoding("s", "a")) { Extensions = [new FormExtension(OrdinalValue, $$"""{"url":"{{OrdinalValue}}","valueDecimal":20}""")] };

        Assert.Equal(20m, Number(Evaluate(form, "t", ResponseItem.Question("q", own))));
    }

    // Item 3: %questionnaire is the Questionnaire as imported, %resource a QuestionnaireResponse.

    [Fact]
    public void Evaluate_ApgarStyleTotalReadingItemWeight_FindsTheImportedExtension()
    {
        const string Expression = "%questionnaire.item.where(linkId='color').answerOption.where(valueCoding.code=%resource.item.where(linkId='color').answer.valueCoding.code).extension.where(url='http://hl7.org/fhir/StructureDefinition/itemWeight').value"
            + " + %questionnaire.item.where(linkId='pulse').answerOption.where(valueCoding.code=%resource.item.where(linkId='pulse').answer.valueCoding.code).extension.where(url='http://hl7.org/fhir/StructureDefinition/itemWeight').value";
        var form = Form(Scored("color", ItemWeight) + "," + Scored("pulse", ItemWeight) + "," + Calc("t", "decimal", Expression));

        // b scores 7, c scores 11: 18 by hand.
        Assert.Equal(18m, Number(Evaluate(form, "t", ResponseItem.Question("color", AnswerValue.Code("s", "b")), ResponseItem.Question("pulse", AnswerValue.Code("s", "c")))));
    }

    [Fact]
    public void Evaluate_QuestionnaireElementTheModelRewrites_IsReadAsImported()
    {
        var form = Form(Scored("q", ItemWeight) + "," + Calc("t", "integer", "%questionnaire.item.where(linkId='q').answerOption.extension.where(url='http://hl7.org/fhir/StructureDefinition/ordinalValue').count()"));

        Assert.Equal(0, Number(Evaluate(form, "t")));
    }

    [Fact]
    public void Evaluate_ResourceAndQuestionnaire_AreFhirTrees()
    {
        var form = Form("""{ "linkId": "n", "type": "integer" },""" + Calc("t", "boolean", "(%resource is QuestionnaireResponse) and (%questionnaire is Questionnaire) and %resource.item.where(linkId='n').answer.value = 4"));

        Assert.Equal([BooleanAnswer.True], Evaluate(form, "t", ResponseItem.Question("n", AnswerValue.Of(4))));
    }

    // Item 4: answer Codings keep their extensions; the chosen option's score is on the answer.

    [Fact]
    public void Evaluate_AnswerValueCodingExtension_IsTheChosenOptionsScoreUnlessTheAnswerBringsItsOwn()
    {
        const string Expression = "%resource.item.answer.valueCoding.extension.where(url='http://hl7.org/fhir/StructureDefinition/ordinalValue' or url='http://hl7.org/fhir/StructureDefinition/itemWeight').valueDecimal.sum()";
        var form = Form(Scored("x") + "," + Scored("y", ItemWeight) + "," + Scored("z") + "," + Calc("t", "decimal", Expression));
        var own = new CodingAnswer(new FormCoding("s", "a")) { Extensions = [new FormExtension(OrdinalValue, $$"""{"url":"{{OrdinalValue}}","valueDecimal":100}""")] };

        // x: the answer's own 100 (not the option's 3); y: option b's itemWeight 7; z: option c's ordinalValue 11.
        var result = Evaluate(form, "t", ResponseItem.Question("x", own), ResponseItem.Question("y", AnswerValue.Code("s", "b")), ResponseItem.Question("z", AnswerValue.Code("s", "c")));

        Assert.Equal(118m, Number(result));
    }

    [Fact]
    public void Evaluate_AuditCStyleExtensionFunction_SumsTheChosenScores()
    {
        // AUDIT-C as written in the wild: each answer's valueCoding.extension(ordinalValue), options scored 0 to 4.
        var options = string.Join(",", Enumerable.Range(0, 5).Select(i => $$"""{ "valueCoding": { "system": "urn:audit", "code": "a{{i}}" }, "extension": [ { "url": "{{OrdinalValue}}", "valueDecimal": {{i}} } ] }"""));
        var items = string.Join(",", new[] { "q1", "q2", "q3" }.Select(q => $$"""{ "linkId": "{{q}}", "type": "choice", "answerOption": [{{options}}] }"""));
        var form = Form(items + "," + Calc("total", "integer", "%resource.item.where(linkId in ('q1' | 'q2' | 'q3')).answer.valueCoding.extension('http://hl7.org/fhir/StructureDefinition/ordinalValue').valueDecimal.sum()"));

        // Frequency 4 (4 or more a week), quantity 2 (5 or 6 drinks), binge 1 (less than monthly): 7 by hand.
        var result = Evaluate(form, "total", ResponseItem.Question("q1", AnswerValue.Code("urn:audit", "a4")), ResponseItem.Question("q2", AnswerValue.Code("urn:audit", "a2")), ResponseItem.Question("q3", AnswerValue.Code("urn:audit", "a1")));

        Assert.Equal(7m, Number(result));
    }

    [Fact]
    public void Evaluate_AnswerFromAContainedValueSet_CarriesTheConceptsScoreOnValueCoding()
    {
        var json = $$"""
            {
              "resourceType": "Questionnaire", "url": "https://forms.example.org/si-vs", "version": "1", "status": "active",
              "contained": [ { "resourceType": "ValueSet", "id": "vs", "status": "active", "compose": { "include": [ { "system": "urn:gad", "concept": [
                { "code": "n", "extension": [ { "url": "{{OrdinalValue}}", "valueDecimal": 0 } ] },
                { "code": "s", "extension": [ { "url": "{{OrdinalValue}}", "valueDecimal": 1 } ] },
                { "code": "m", "extension": [ { "url": "{{OrdinalValue}}", "valueDecimal": 2 } ] },
                { "code": "e", "extension": [ { "url": "{{OrdinalValue}}", "valueDecimal": 3 } ] } ] } ] } } ],
              "item": [
                { "linkId": "g1", "type": "choice", "answerValueSet": "#vs" },
                { "linkId": "g2", "type": "choice", "answerValueSet": "#vs" },
                {{Calc("t", "decimal", "%resource.item.answer.valueCoding.extension('http://hl7.org/fhir/StructureDefinition/ordinalValue').valueDecimal.sum()")}}
              ]
            }
            """;
        var form = QuestionnaireMapper.ImportJson(json).Definition;

        // More than half the days (2) + nearly every day (3): 5 by hand.
        Assert.Equal(5m, Number(Evaluate(form, "t", ResponseItem.Question("g1", AnswerValue.Code("urn:gad", "m")), ResponseItem.Question("g2", AnswerValue.Code("urn:gad", "e")))));
    }

    [Fact]
    public void Evaluate_DefinitionBuiltInCSharp_ScoresFromItsOptionsThroughEveryRoute()
    {
        // No imported Questionnaire: %questionnaire is the export (scores as ordinalValue), and answers carry the option's score.
        var form = FormBuilder.Create("https://forms.example.org/si-built", "1")
            .Choice("q", "Q", q => q.Option(new FormCoding("s", "a"), 3).Option(new FormCoding("s", "b"), 7))
            .Decimal("byExtension", "E", i => i.ReadOnly().Calculated(FormExpression.FhirPath("%resource.item.where(linkId='q').answer.valueCoding.extension('http://hl7.org/fhir/StructureDefinition/ordinalValue').valueDecimal.sum()")))
            .Decimal("byWeight", "W", i => i.ReadOnly().Calculated(FormExpression.FhirPath("%resource.item.where(linkId='q').answer.weight().sum()")))
            .Decimal("byOption", "O", i => i.ReadOnly().Calculated(FormExpression.FhirPath("%questionnaire.item.where(linkId='q').answerOption.where(valueCoding.code=%resource.item.where(linkId='q').answer.valueCoding.code).extension.valueDecimal")))
            .Build();

        var evaluation = Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("q", AnswerValue.Code("s", "b"))] });

        Assert.Equal(7m, Number(evaluation.AnswersOf("byExtension")));
        Assert.Equal(7m, Number(evaluation.AnswersOf("byWeight")));
        Assert.Equal(7m, Number(evaluation.AnswersOf("byOption")));
    }

    [Fact]
    public void Evaluate_CalculatedCopyOfACodedAnswer_KeepsItsOwnExtensionsButNotTheAddedOptionScore()
    {
        var copy = Calc("copy", "choice", "%resource.item.where(linkId='q').answer.value").Replace("\"readOnly\": true,", "\"readOnly\": true, \"repeats\": true,", StringComparison.Ordinal);
        var form = Form(Scored("q", repeats: true) + "," + copy);
        var own = new CodingAnswer(new FormCoding("s", "a")) { Extensions = [new FormExtension("https://ext.example.org/e", """{"url":"https://ext.example.org/e","valueString":"kept"}""")] };

        var result = Evaluate(form, "copy", ResponseItem.Question("q", own, AnswerValue.Code("s", "b")));

        Assert.Equal(2, result.Count);
        Assert.Equal("https://ext.example.org/e", Assert.Single(((CodingAnswer)result[0]).Extensions!).Url);
        Assert.Null(((CodingAnswer)result[1]).Extensions);
    }

    [Fact]
    public void Export_CodingAnswerWithExtensions_WritesThemOnValueCodingAndNoOptionScore()
    {
        var form = Form(Scored("q", repeats: true));
        var own = new CodingAnswer(new FormCoding("s", "a")) { Extensions = [new FormExtension("https://ext.example.org/e", """{"url":"https://ext.example.org/e","valueString":"kept"}""")] };
        var response = new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("q", own, AnswerValue.Code("s", "b"))] };

        var json = JsonNode.Parse(QuestionnaireResponseMapper.ExportJson(response))!;

        var answers = json["item"]![0]!["answer"]!.AsArray();
        Assert.Equal("kept", answers[0]!["valueCoding"]!["extension"]![0]!["valueString"]!.GetValue<string>());
        Assert.Null(answers[1]!["valueCoding"]!["extension"]);
    }

    [Fact]
    public void FormJson_CodingAnswerExtensions_RoundTripAndStayAbsentWhenEmpty()
    {
        var own = new CodingAnswer(new FormCoding("s", "a")) { Extensions = [new FormExtension(OrdinalValue, $$"""{"url":"{{OrdinalValue}}","valueDecimal":2}""")] };
        var response = new FormResponse { Form = new FormVersionReference("https://forms.example.org/x", "1"), Items = [ResponseItem.Question("q", own, AnswerValue.Code("s", "b"))] };

        var json = FormJson.Serialize(response);
        var read = FormJson.DeserializeResponse(json);

        var answers = read.Items[0]!.Answers!.Select(a => a!.Value).ToArray();
        Assert.Equal(own, answers[0]);
        Assert.NotEqual(new CodingAnswer(new FormCoding("s", "a")), answers[0]);
        Assert.Equal(AnswerValue.Code("s", "b"), answers[1]);
        Assert.Null(((CodingAnswer)answers[1]!).Extensions);
        Assert.Equal(1, json.Split("\"extensions\"").Length - 1);
    }

    [Fact]
    public void Evaluate_GeneratedAnswers_AnswerScoresAgreeWithAnIndependentSum()
    {
        // Five questions, options a, b, c scoring 3, 7, 11 (ordinalValue on even questions, itemWeight on odd ones).
        // Each generated question is unanswered (pick 3) or answered with a, b or c, possibly bringing its own score.
        decimal[] optionScores = [3m, 7m, 11m];
        string[] codes = ["a", "b", "c"];
        var questions = Enumerable.Range(0, 5).Select(i => $"q{i}").ToArray();
        const string FromExtensions = "%resource.item.answer.valueCoding.extension.where(url='http://hl7.org/fhir/StructureDefinition/ordinalValue' or url='http://hl7.org/fhir/StructureDefinition/itemWeight').valueDecimal.sum()";
        var form = Form(string.Join(",", questions.Select((q, i) => Scored(q, i % 2 == 0 ? OrdinalValue : ItemWeight)))
            + "," + Calc("byExtension", "decimal", FromExtensions)
            + "," + Calc("byWeight", "decimal", "%resource.item.answer.weight().sum()"));
        var compiled = Engine.Compile(form);

        Gen.Select(Gen.Int[0, 3], Gen.Int[-1, 50]).Array[5].Sample(
            picks =>
            {
                var items = questions.Select((q, i) => picks[i].Item1 == 3
                    ? ResponseItem.Question(q)
                    : ResponseItem.Question(q, picks[i].Item2 < 0
                        ? AnswerValue.Code("s", codes[picks[i].Item1])
                        : new CodingAnswer(new FormCoding("s", codes[picks[i].Item1])) { Extensions = [new FormExtension(OrdinalValue, $$"""{"url":"{{OrdinalValue}}","valueDecimal":{{picks[i].Item2}}}""")] })).ToArray();
                var expected = picks.Where(p => p.Item1 != 3).Sum(p => p.Item2 < 0 ? optionScores[p.Item1] : p.Item2);

                var evaluation = compiled.Evaluate(new FormResponse { Form = form.Reference, Items = items });

                return Number(evaluation.AnswersOf("byExtension")) == expected && Number(evaluation.AnswersOf("byWeight")) == expected;
            },
            iter: 300,
            seed: "0N0XIzNsQ0O2");
    }
}
