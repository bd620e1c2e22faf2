using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests.Expressions;

public class FhirPathLanguageTests
{
    private static readonly FormEngine Engine = new([new FhirPathLanguage()]);

    private static FormDefinition Form(string items, string rootExtensions = "") => QuestionnaireMapper.ImportJson($$"""
        {
          "resourceType": "Questionnaire", "url": "https://forms.example.org/fp-{{Guid.NewGuid():N}}", "version": "1", "status": "active",
          {{(rootExtensions.Length > 0 ? $"\"extension\": [{rootExtensions}]," : string.Empty)}}
          "item": [{{items}}]
        }
        """).GetDefinitionOrThrow();

    private static string Calc(string linkId, string type, string expression)
        => $$"""{ "linkId": "{{linkId}}", "type": "{{type}}", "readOnly": true, "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression", "valueExpression": { "language": "text/fhirpath", "expression": "{{expression}}" } } ] }""";

    private const string Choice = """
        { "linkId": "c", "type": "choice", "repeats": true, "answerOption": [
          { "valueCoding": { "system": "s", "code": "a" }, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/ordinalValue", "valueDecimal": 2 } ] },
          { "valueCoding": { "system": "s", "code": "b" }, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/itemWeight", "valueDecimal": 5 } ] } ] }
        """;

    [Theory]
    [InlineData("ordinal")]
    [InlineData("weight")]
    public void Evaluate_OrdinalAndWeight_ReturnTheOptionScores(string function)
    {
        var form = Form(Choice + "," + Calc("t", "decimal", $"%resource.item.where(linkId='c').answer.value.{function}().sum()"));
        var response = new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("c", AnswerValue.Code("s", "a"), AnswerValue.Code("s", "b"))] };

        var evaluation = Engine.Evaluate(form, response);

        Assert.Equal(7m, Assert.IsType<DecimalAnswer>(Assert.Single(evaluation.AnswersOf("t"))).Value);
    }

    [Fact]
    public void Evaluate_Answers_ReturnsEveryAnswerNestedOrNot()
    {
        var form = Form("""{ "linkId": "g", "type": "group", "item": [ { "linkId": "x", "type": "integer" }, { "linkId": "y", "type": "integer" } ] },""" + Calc("t", "integer", "%resource.item.where(linkId='g').answers().value.sum()"));
        var response = new FormResponse { Form = form.Reference, Items = [ResponseItem.Group("g", ResponseItem.Question("x", AnswerValue.Of(2)), ResponseItem.Question("y", AnswerValue.Of(40)))] };

        Assert.Equal([new IntegerAnswer(42)], Engine.Evaluate(form, response).AnswersOf("t"));
    }

    [Fact]
    public void Evaluate_ContextAndItemVariables_AreTheQuestionnaireResponseItemAndItsScope()
    {
        var form = Form(
            """
            { "linkId": "g", "type": "group", "repeats": true, "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/variable",
                "valueExpression": { "name": "dose", "language": "text/fhirpath", "expression": "%context.item.where(linkId='d').answer.value" } } ],
              "item": [ { "linkId": "d", "type": "decimal" },
            """ + Calc("twice", "decimal", "%dose * %factor") + "] }",
            """{ "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "factor", "language": "text/fhirpath", "expression": "2" } }""");
        var response = new FormResponse
        {
            Form = form.Reference,
            Items = [ResponseItem.Group("g", ResponseItem.Question("d", AnswerValue.Of(1.5m))), ResponseItem.Group("g", ResponseItem.Question("d", AnswerValue.Of(4m)))],
        };

        var evaluation = Engine.Evaluate(form, response);

        Assert.Equal([3.0m, 8m], evaluation.AnswersOf("twice").Select(a => ((DecimalAnswer)a).Value));
    }

    [Fact]
    public void Evaluate_EnableWhenExpression_EnablesTheItem()
    {
        var form = Form("""
            { "linkId": "age", "type": "integer" },
            { "linkId": "adult", "type": "boolean", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression",
              "valueExpression": { "language": "text/fhirpath", "expression": "%resource.item.where(linkId='age').answer.valueInteger >= 18" } } ] }
            """);

        Assert.True(Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("age", AnswerValue.Of(30))] }).IsEnabled("adult"));
        Assert.False(Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("age", AnswerValue.Of(3))] }).IsEnabled("adult"));
    }

    [Fact]
    public void Evaluate_TargetConstraint_ReportsTheHumanMessage()
    {
        var form = Form("""
            { "linkId": "phone", "type": "string", "extension": [ { "url": "http://hl7.org/fhir/StructureDefinition/targetConstraint", "extension": [
              { "url": "key", "valueId": "phone" }, { "url": "severity", "valueCode": "error" }, { "url": "human", "valueString": "Enter a 10-digit phone number." },
              { "url": "expression", "valueExpression": { "language": "text/fhirpath", "expression": "%resource.item.where(linkId='phone').answer.all(value.matches('^\\d{10}$'))" } } ] } ] }
            """);

        var bad = Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("phone", AnswerValue.Of("12-34"))] });
        var good = Engine.Evaluate(form, new FormResponse { Form = form.Reference, Items = [ResponseItem.Question("phone", AnswerValue.Of("0123456789"))] });

        var problem = Assert.Single(bad.Problems);
        Assert.Equal(("constraint:phone", "Enter a 10-digit phone number."), (problem.Code, problem.Message));
        Assert.True(good.IsValid);
    }

    [Fact]
    public void Evaluate_QuestionnaireVariable_IsTheDefinition()
    {
        var form = Form(Calc("n", "integer", "%questionnaire.item.count()"));

        Assert.Equal([new IntegerAnswer(1)], Engine.Evaluate(form, new FormResponse { Form = form.Reference }).AnswersOf("n"));
    }

    [Fact]
    public void Compile_InvalidExpression_FailsToLoadWithExpressionInvalid()
    {
        var form = new FormDefinition
        {
            Url = "https://forms.example.org/bad",
            Version = "1",
            Items = [new FormItem { LinkId = "x", Type = FormItemType.Decimal, CalculatedExpression = FormExpression.FhirPath("1 +* 2") }],
        };

        var ex = Assert.Throws<FormDefinitionException>(() => Engine.Compile(form));

        Assert.Contains(ex.Issues, i => i.Code == FormDefinitionIssueCodes.ExpressionInvalid);
    }

    [Theory]
    [InlineData("answer.valueDecimal", "answer.value.ofType(decimal)")]
    [InlineData("item.answer.valueCoding.code", "item.answer.value.ofType(Coding).code")]
    [InlineData("'answer.valueDecimal'", "'answer.valueDecimal'")]
    [InlineData(@"value.matches('^\d{3}$')", @"value.matches('^\\d{3}$')")]
    [InlineData(@"'a\'b'", @"'a\'b'")]
    public void Lenient_ChoiceSuffixesAndRegexEscapes_AreRead(string text, string expected)
        => Assert.Equal(expected, FhirPathLanguage.Lenient(text));

    [Theory]
    [InlineData("%resource.repeat(item).where(linkId='x')", "%resource.remedoraRepeat('item').remedoraLinkId('x')")]
    [InlineData("repeat( item ).count()", "remedoraRepeat('item').count()")]
    [InlineData("item.repeat(answer.item)", "item.repeat(answer.item)")]
    [InlineData("'repeat(item)'", "'repeat(item)'")]
    [InlineData("myrepeat(item)", "myrepeat(item)")]
    public void Lenient_RepeatOverAnElementName_IsTheLinearRepeat(string text, string expected)
        => Assert.Equal(expected, FhirPathLanguage.Lenient(text));

    [Theory]
    [InlineData("%resource.item.where(linkId='x').answer", "%resource.item.remedoraLinkId('x').answer")]
    [InlineData("item.where( linkId = 'a b' )", "item.remedoraLinkId('a b')")]
    [InlineData(@"item.where(linkId='it\'s')", @"item.remedoraLinkId('it\'s')")]
    [InlineData("'.where(linkId=\\'x\\')'", "'.where(linkId=\\'x\\')'")]
    [InlineData("item.where(linkId='x' or linkId='y')", "item.where(linkId='x' or linkId='y')")]
    [InlineData("item.where(linkId=%id)", "item.where(linkId=%id)")]
    [InlineData("item.where(text='x')", "item.where(text='x')")]
    public void Lenient_WhereLinkIdEqualsALiteral_IsTheDirectLookup(string text, string expected)
        => Assert.Equal(expected, FhirPathLanguage.Lenient(text));

    [Theory]
    [InlineData("%resource.item.where(linkId='x').answer.value.sum()")]
    [InlineData("%resource.repeat(item).where(linkId='x').answer.value.sum()")]
    [InlineData("%resource.repeat(item).where(linkId='g').count()")]
    [InlineData("%questionnaire.repeat(item).where(linkId='x').type.count()")]
    [InlineData("%questionnaire.item.where(linkId='g').item.where(linkId='x').linkId.count()")]
    public void Evaluate_WhereLinkIdLookup_GivesWhatWhereGives(string expression)
    {
        // The same expression twice: once as written (rewritten to the lookup), once with a where() that is not rewritten.
        var unrewritten = expression.Replace("where(linkId=", "where(true and linkId=", StringComparison.Ordinal);
        var form = Form(
            """{ "linkId": "g", "type": "group", "repeats": true, "item": [ { "linkId": "x", "type": "integer" } ] }, { "linkId": "x2", "type": "integer" },"""
            + Calc("rewritten", "integer", expression) + "," + Calc("plain", "integer", unrewritten));
        var response = new FormResponse
        {
            Form = form.Reference,
            Items =
            [
                ResponseItem.Group("g", ResponseItem.Question("x", AnswerValue.Of(2))),
                ResponseItem.Group("g", ResponseItem.Question("x", AnswerValue.Of(5))),
                ResponseItem.Question("x2", AnswerValue.Of(100)),
            ],
        };

        var evaluation = Engine.Evaluate(form, response);

        Assert.NotEmpty(evaluation.AnswersOf("plain"));
        Assert.Equal(evaluation.AnswersOf("plain"), evaluation.AnswersOf("rewritten"));
    }

    [Fact]
    public void Evaluate_RepeatItem_FindsEveryNestedItemOnceEvenWhenTwoAreEqual()
    {
        // Two occurrences of a repeating group with the same answer are equal in value but are two items: both count.
        var form = Form(
            """{ "linkId": "g", "type": "group", "repeats": true, "item": [ { "linkId": "n", "type": "group", "item": [ { "linkId": "x", "type": "integer" } ] } ] },"""
            + Calc("count", "integer", "%resource.repeat(item).where(linkId='x').count()") + ","
            + Calc("sum", "integer", "%resource.repeat(item).where(linkId='x').answer.value.sum()"));
        ResponseItem Occurrence(int value) => ResponseItem.Group("g", ResponseItem.Group("n", ResponseItem.Question("x", AnswerValue.Of(value))));
        var response = new FormResponse { Form = form.Reference, Items = [Occurrence(4), Occurrence(4), Occurrence(5)] };

        var evaluation = Engine.Evaluate(form, response);

        Assert.Equal([new IntegerAnswer(3)], evaluation.AnswersOf("count"));
        Assert.Equal([new IntegerAnswer(13)], evaluation.AnswersOf("sum"));
    }
}
