using Remedora.Intake.Building;
using Remedora.Intake.Engine;
using Remedora.Intake.Serialization;
using Remedora.Intake.Tests.Expressions;
using Remedora.Clinical;

namespace Remedora.Intake.Tests.Serialization;

public class FormJsonTests
{
    /// <summary>Every answer type, with the fiddly parts (partial dates, offsets, decimal scale, comparators).</summary>
    public static readonly AnswerValue[] EveryValue =
    [
        AnswerValue.Of(true),
        AnswerValue.Of(false),
        AnswerValue.Of(1.50m),
        AnswerValue.Of(-7),
        AnswerValue.Of(FormDate.Parse("2024")),
        AnswerValue.Of(FormDate.Parse("2024-02")),
        AnswerValue.Of(new DateOnly(2024, 2, 29)),
        AnswerValue.Of(FormDateTime.Parse("2024-05-17T09:30:00.250+02:00")),
        AnswerValue.Of(FormDateTime.Parse("2024-05")),
        AnswerValue.Of(new TimeOnly(11, 11, 11)),
        AnswerValue.Of("text with \"quotes\" and ünïcödé"),
        new UriAnswer("https://example.org/a?b=c"),
        AnswerValue.Of(new FormCoding("http://loinc.org", "LA6568-5", "Not at all", "2.76")),
        AnswerValue.Of(new FormQuantity(37.5m, "°C", "http://unitsofmeasure.org", "Cel", QuantityComparator.GreaterOrEqual)),
        AnswerValue.Of(new FormAttachment { ContentType = "image/jpeg", Url = "https://files.example.org/p/1", Size = 12345, Hash = "2jmj7l5rSw0yVb/vlWAYkK/YBwk=", Title = "rash.jpg", Language = "en", Creation = FormDateTime.Parse("2024-05-17T09:30:00Z") }),
        AnswerValue.Of(new FormReference("Practitioner/123", "Practitioner", "Dr. Who")),
    ];

    /// <summary>A definition with every property of the model set at least once.</summary>
    public static FormDefinition KitchenSink() => new()
    {
        Url = "https://forms.remedora.test/kitchen-sink",
        Version = "3.0.0",
        Name = "KitchenSink",
        Title = "Kitchen sink",
        Status = FormStatus.Retired,
        Experimental = true,
        Date = FormDateTime.Parse("2024-05-17T09:30:00-04:00"),
        Publisher = "Remedora",
        Description = "Every *property*.",
        Purpose = "Round trips.",
        Copyright = "CC0",
        ApprovalDate = FormDate.Parse("2024-01-02"),
        LastReviewDate = FormDate.Parse("2024-03"),
        EffectivePeriod = new FormPeriod(FormDateTime.Parse("2024-01-01"), null),
        Language = "en-CA",
        SubjectTypes = ["Patient", "RelatedPerson"],
        Codes = [new FormCoding("http://loinc.org", "44249-1", "PHQ-9 quick depression assessment panel")],
        Identifiers = [new FormIdentifier("urn:ietf:rfc:3986", "urn:oid:2.16.840.1.113883.4.642.40.17.35.26")],
        DerivedFrom = ["http://hl7.org/fhir/uv/sdc/Questionnaire/questionnaire-sdc-profile-example-PHQ9"],
        Variables = [TestLanguage.Expr("answer:q-decimal", "weight") with { Description = "weight", Reference = "https://example.org/expr" }],
        ValueSets =
        [
            new FormValueSet
            {
                Id = "vs1",
                Url = "http://example.org/ValueSet/vs1",
                Version = "1",
                Name = "VS1",
                Title = "Value set 1",
                Status = FormStatus.Active,
                Description = "d",
                ConceptSource = ValueSetConceptSource.Expansion,
                Concepts = [new ValueSetConcept { System = "http://example.org/cs", Version = "2", Code = "a", Display = "A", Score = 1.5m, Extensions = [new FormExtension("http://example.org/x", """{"url":"http://example.org/x","valueString":"y"}""")] }],
                Extensions = [new FormExtension("http://example.org/vs", """{"url":"http://example.org/vs","valueBoolean":true}""")],
                UnmappedElements = new Dictionary<string, string> { ["immutable"] = "true" },
            },
        ],
        Scores =
        [
            new FormScore { Name = "sum", Title = "Sum", Items = ["q-choice"], Bands = [new ScoreBand("low", 0, 1, "Low"), new ScoreBand("high", 1.5m, 9)] },
            new FormScore { Name = "expr", Method = ScoreMethod.Expression, Expression = TestLanguage.Expr("decimal:3") },
        ],
        RedFlagRules =
        [
            new RedFlagRule
            {
                Id = "every-condition",
                Severity = RedFlagSeverity.Moderate,
                Action = RedFlagAction.RefuseAsyncCare,
                Description = "d",
                When = RuleCondition.Any(
                    RuleCondition.All(RuleCondition.Answer("q-boolean", ComparisonOperator.Exists, AnswerValue.Of(true)), RuleCondition.Ordinal("q-choice", ComparisonOperator.GreaterOrEqual, 1)),
                    RuleCondition.ScoreIs("sum", ComparisonOperator.LessThan, 2),
                    RuleCondition.ScoreInBand("sum", "high"),
                    RuleCondition.IsTrue(TestLanguage.Expr("false"))),
            },
        ],
        Extensions = [new FormExtension("http://hl7.org/fhir/StructureDefinition/rendering-styleSensitive", """{"url":"http://hl7.org/fhir/StructureDefinition/rendering-styleSensitive","valueBoolean":true}""")],
        UnmappedElements = new Dictionary<string, string> { ["id"] = "\"kitchen-sink\"", ["meta"] = """{"profile":["http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire|3.0.0"]}""" },
        Items =
        [
            new FormItem
            {
                LinkId = "g",
                Type = FormItemType.Group,
                Text = "Group",
                Prefix = "1.",
                Definition = "http://example.org/StructureDefinition/x#Observation.value",
                Codes = [new FormCoding("http://loinc.org", "1-8")],
                Required = true,
                Repeats = true,
                MinOccurs = 1,
                MaxOccurs = 3,
                Variables = [TestLanguage.Expr("context", "inner")],
                EnableWhen = [new EnableWhenCondition("q-boolean", ComparisonOperator.NotEqual, AnswerValue.Of(false))],
                EnableBehavior = EnableBehavior.Any,
                Items =
                [
                    new FormItem { LinkId = "q-decimal", Type = FormItemType.Decimal, MinValue = AnswerValue.Of(0.5m), MaxValue = AnswerValue.Of(500m), MaxDecimalPlaces = 2, Unit = new FormCoding("http://unitsofmeasure.org", "kg", "kg"), Initial = [AnswerValue.Of(70m)] },
                    new FormItem { LinkId = "q-string", Type = FormItemType.String, MaxLength = 10, MinLength = 2, Regex = "[A-Z]+", EntryFormat = "ABC", ReadOnly = true, Hidden = true, Constraints = [new FormConstraint { Key = "k", Severity = ConstraintSeverity.Warning, Expression = TestLanguage.Expr("true"), HumanMessage = "m", Location = "l", Requirements = "r" }] },
                ],
            },
            new FormItem { LinkId = "q-boolean", Type = FormItemType.Boolean, Initial = [AnswerValue.Of(true)], UnmappedElements = new Dictionary<string, string> { ["_text"] = """{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/rendering-xhtml","valueString":"<b>x</b>"}]}""" } },
            new FormItem
            {
                LinkId = "q-choice",
                Type = FormItemType.Choice,
                AnswerValueSet = "#vs1",
                AnswerOptions = [new AnswerOption { Value = AnswerValue.Code("http://example.org/cs", "b"), Score = 2, InitialSelected = true, Extensions = [new FormExtension("http://example.org/o", """{"url":"http://example.org/o"}""")], UnmappedElements = new Dictionary<string, string> { ["id"] = "\"o1\"" } }],
                EnableWhenExpression = TestLanguage.Expr("true"),
                Extensions = [new FormExtension("http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl", """{"url":"http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl","valueCodeableConcept":{"coding":[{"system":"http://hl7.org/fhir/questionnaire-item-control","code":"drop-down"}]}}""")],
            },
            new FormItem { LinkId = "q-quantity", Type = FormItemType.Quantity, UnitOptions = [new FormCoding("http://unitsofmeasure.org", "mg")], UnitValueSet = "http://example.org/ValueSet/units", CalculatedExpression = TestLanguage.Expr("decimal:1") },
            new FormItem { LinkId = "q-attachment", Type = FormItemType.Attachment, AllowedContentTypes = ["image/png"], MaxAttachmentSize = 5_000_000 },
            new FormItem { LinkId = "q-time", Type = FormItemType.Time, InitialExpression = TestLanguage.Expr("answer:q-time") },
            new FormItem { LinkId = "q-all", Type = FormItemType.OpenChoice, Repeats = true, Initial = EveryValue },
        ],
    };

    [Fact]
    public void Serialize_KitchenSink_RoundTripsWithoutLoss()
    {
        var definition = KitchenSink();

        var json = FormJson.Serialize(definition);
        var read = FormJson.DeserializeDefinition(json);

        Assert.Equal(json, FormJson.Serialize(read));
        Assert.Equal(definition.Items[2].AnswerOptions[0], read.Items[2].AnswerOptions[0] with { Extensions = definition.Items[2].AnswerOptions[0].Extensions, UnmappedElements = definition.Items[2].AnswerOptions[0].UnmappedElements });
        Assert.Equal(EveryValue, read.Items[6].Initial);
        Assert.Equal("1.50", ((DecimalAnswer)read.Items[6].Initial[2]).Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2024-05-17T09:30:00.250+02:00", ((DateTimeAnswer)read.Items[6].Initial[7]).Value.ToString());
        Assert.Equal(definition.UnmappedElements["meta"], read.UnmappedElements["meta"]);
        Assert.Equal(4, Assert.IsType<AnyCondition>(read.RedFlagRules[0].When).Conditions.Count);
    }

    [Fact]
    public void Serialize_KitchenSink_WritesEveryModelPropertyName()
    {
        var json = FormJson.Serialize(KitchenSink());

        foreach (var type in new[] { typeof(FormDefinition), typeof(FormItem), typeof(AnswerOption), typeof(FormValueSet), typeof(ValueSetConcept), typeof(FormScore), typeof(RedFlagRule), typeof(FormConstraint), typeof(FormExpression), typeof(FormAttachment) })
        {
            foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.Name is not ("Delegate")))
            {
                var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
                Assert.True(json.Contains($"\"{name}\":", StringComparison.Ordinal), $"{type.Name}.{property.Name} was not written");
            }
        }
    }

    [Fact]
    public void Serialize_Defaults_AreLeftOut()
    {
        var json = FormJson.Serialize(new FormDefinition { Url = "u", Version = "1", Items = [new FormItem { LinkId = "a", Type = FormItemType.Boolean }] }, indented: false);

        Assert.Equal("""{"url":"u","version":"1","status":"draft","items":[{"linkId":"a","type":"boolean","enableBehavior":"all"}]}""", json);
    }

    [Fact]
    public void DeserializeDefinition_HandWrittenFile_Reads()
    {
        const string json = """
            {
              "url": "https://forms.example.org/sleep",
              "version": "1.0.0",
              "title": "Sleep",
              "items": [
                { "linkId": "hours", "type": "integer", "text": "Hours of sleep", "required": true,
                  "minValue": { "type": "integer", "value": 0 }, "maxValue": { "value": 24, "type": "integer" } },
                { "linkId": "quality", "type": "choice", "answerOptions": [
                  { "value": { "type": "coding", "value": { "system": "http://example.org", "code": "good", "display": "Good" } }, "score": 0 },
                  { "value": { "type": "coding", "value": { "system": "http://example.org", "code": "poor", "display": "Poor" } }, "score": 2 } ],
                  "enableWhen": [ { "question": "hours", "operator": "lessThan", "answer": { "type": "integer", "value": 6 } } ] }
              ],
              "scores": [ { "name": "sleep", "items": [ "quality" ] } ],
              "redFlagRules": [ { "id": "no-sleep", "when": { "kind": "answer", "linkId": "hours", "operator": "equal", "value": { "type": "integer", "value": 0 } }, "severity": "high", "action": "escalateToLiveVisit" } ]
            }
            """;

        var form = FormJson.DeserializeDefinition(json);
        var evaluation = new FormEngine().Evaluate(form, FormResponseBuilder.For(form).Answer("hours", AnswerValue.Of(0)).Answer("quality", AnswerValue.Code("http://example.org", "poor")).Build());

        Assert.True(evaluation.IsValid);
        Assert.Equal(2m, evaluation.Score("sleep"));
        Assert.Equal("no-sleep", Assert.Single(evaluation.RedFlags).RuleId);
    }

    [Theory]
    [InlineData("""{"version":"1"}""", "$")]
    [InlineData("""{"url":"u","version":"1","items":[{"linkId":"a","type":"nope"}]}""", "$.items[0].type")]
    [InlineData("""{"url":"u","version":"1","items":[{"linkId":"a","type":"integer","initial":[{"type":"integer","value":"x"}]}]}""", "$.items[0].initial[0].value")]
    [InlineData("""{"url":"u","version":"1","items":[{"linkId":"a","type":"date","initial":[{"type":"date","value":"2024-13"}]}]}""", "$.items[0].initial[0].value")]
    public void DeserializeDefinition_InvalidJson_ThrowsTypedErrorWithPath(string json, string path)
    {
        var ex = Assert.Throws<FormJsonException>(() => FormJson.DeserializeDefinition(json));

        Assert.Equal(FormJsonException.ErrorCode, ex.Code);
        Assert.Equal(path, ex.JsonPath);
    }

    [Fact]
    public void SerializeResponse_EveryValueKind_RoundTrips()
    {
        var response = new FormResponse
        {
            Form = new FormVersionReference("https://forms.remedora.test/kitchen-sink", "3.0.0"),
            Items =
            [
                new ResponseItem { LinkId = "g", Text = "Group", Items = [ResponseItem.Question("q-decimal", AnswerValue.Of(1.50m))] },
                new ResponseItem { LinkId = "q-all", Answers = EveryValue.Select(v => new ResponseAnswer(v) { Items = [ResponseItem.Question("child", v)] }).ToArray() },
            ],
        };

        var json = FormJson.Serialize(response);
        var read = FormJson.DeserializeResponse(json);

        Assert.Equal(json, FormJson.Serialize(read));
        Assert.Equal(EveryValue, read.Items[1].Answers.Select(a => a.Value));
        Assert.Equal(response.Form, read.Form);
    }
}
