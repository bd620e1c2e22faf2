using Hl7.Fhir.Model;
using Remedora.Fhir.Population;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;
using Task = System.Threading.Tasks.Task;

namespace Remedora.Fhir.Tests.Population;

using AdministrativeGender = Hl7.Fhir.Model.AdministrativeGender;
using Condition = Hl7.Fhir.Model.Condition;
using Encounter = Hl7.Fhir.Model.Encounter;
using Patient = Hl7.Fhir.Model.Patient;
using Practitioner = Hl7.Fhir.Model.Practitioner;

public class FormPopulatorTests
{
    private const string Group = "item[bmi-calculation]";
    private static readonly Lazy<FormDefinition> Bmi = new(() => QuestionnaireMapper.ImportJson(File.ReadAllText(Path.Combine(QuestionnaireFiles.Directory, "wild", "smartforms-bmi-prepop.json"))).Definition);

    private static InMemoryFhirDataSource Data(bool weight = true)
    {
        var data = new InMemoryFhirDataSource()
            .Add(new Patient { Id = "pat-repop", Gender = AdministrativeGender.Female, BirthDate = "1968-10-11" })
            .Add(Observation("h-old", "8302-2", 150m, "cm", "2019-03-01T10:00:00Z"))
            .Add(Observation("h-new", "8302-2", 163m, "cm", "2024-05-01T10:00:00Z"))
            .Add(Observation("h-other", "8302-2", 190m, "cm", "2025-01-01T10:00:00Z", patient: "someone-else"));
        return weight ? data.Add(Observation("w", "29463-7", 77.3m, "kg", "2024-05-01T10:00:00Z")) : data;
    }

    private static Observation Observation(string id, string code, decimal value, string unit, string when, string patient = "pat-repop") => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", code),
        Subject = new ResourceReference($"Patient/{patient}"),
        Effective = new FhirDateTime(when),
        Value = new Quantity(value, unit) { System = "http://unitsofmeasure.org", Code = unit },
    };

    private static ResponseItem? Find(IReadOnlyList<ResponseItem> items, string linkId)
        => items.Select(i => i.LinkId == linkId ? i : Find(i.Items, linkId)).FirstOrDefault(i => i is not null);

    private static AnswerValue? AnswerOf(FormResponse response, string linkId) => Find(response.Items, linkId)?.Answers.SingleOrDefault()?.Value;

    [Fact]
    public async Task PopulateAsync_SmartFormsBmi_FillsHeightAndWeightFromTheLatestObservationsAndTheEngineCalculatesBmi()
    {
        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest
        {
            DataSource = Data(),
            LaunchReferences = new Dictionary<string, string> { ["patient"] = "Patient/pat-repop" },
        });

        Assert.Empty(result.Issues);
        Assert.Equal(2, result.PopulatedItems);
        Assert.Equal(new DecimalAnswer(163m), AnswerOf(result.Response, "patient-height"));
        Assert.Equal(new DecimalAnswer(77.3m), AnswerOf(result.Response, "patient-weight"));
        var evaluation = new FormEngine([new Remedora.Fhir.Expressions.FhirPathLanguage()]).Evaluate(Bmi.Value, result.Response);
        Assert.Equal(29.1m, Assert.IsType<QuantityAnswer>(Assert.Single(evaluation.AnswersOf("bmi-result"))).Value.Value);
    }

    [Fact]
    public async Task PopulateAsync_PatientAlreadyAnswered_KeepsTheAnswerAndSaysSo()
    {
        var existing = new FormResponse
        {
            Form = Bmi.Value.Reference,
            Items = [ResponseItem.Group("bmi-calculation", ResponseItem.Question("patient-height", AnswerValue.Of(170m)))],
        };

        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest
        {
            DataSource = Data(),
            LaunchReferences = new Dictionary<string, string> { ["patient"] = "Patient/pat-repop" },
            Existing = existing,
        });

        Assert.Equal(new DecimalAnswer(170m), AnswerOf(result.Response, "patient-height"));
        Assert.Equal(new DecimalAnswer(77.3m), AnswerOf(result.Response, "patient-weight"));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(($"{Group}.item[patient-height]", PopulationIssueCodes.AnswerKept), (issue.Path, issue.Code));
        Assert.Equal(1, result.PopulatedItems);
    }

    [Fact]
    public async Task PopulateAsync_NoMatchingObservation_ReportsNoValueForThatItemOnly()
    {
        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest
        {
            DataSource = Data(weight: false),
            LaunchReferences = new Dictionary<string, string> { ["patient"] = "Patient/pat-repop" },
        });

        var issue = Assert.Single(result.Issues);
        Assert.Equal(($"{Group}.item[patient-weight]", PopulationIssueCodes.NoValue), (issue.Path, issue.Code));
        Assert.Equal(new DecimalAnswer(163m), AnswerOf(result.Response, "patient-height"));
        Assert.Null(Find(result.Response.Items, "patient-weight"));
    }

    [Fact]
    public async Task PopulateAsync_NoPatient_ReportsTheMissingLaunchContextAndEachItemThatNeedsIt()
    {
        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest { DataSource = Data() });

        Assert.Equal(
            [("launchContext[patient]", PopulationIssueCodes.LaunchContextMissing), ("variable[ObsBodyHeight]", PopulationIssueCodes.VariableUnavailable), ("variable[ObsBodyWeight]", PopulationIssueCodes.VariableUnavailable),
             ($"{Group}.item[patient-height]", PopulationIssueCodes.VariableUnavailable), ($"{Group}.item[patient-weight]", PopulationIssueCodes.VariableUnavailable)],
            result.Issues.Select(i => (i.Path, i.Code)));
        Assert.Empty(result.Response.Items);
    }

    [Fact]
    public async Task PopulateAsync_UnknownPatientReference_ReportsTheLaunchContextAsMissing()
    {
        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest
        {
            DataSource = Data(),
            LaunchReferences = new Dictionary<string, string> { ["patient"] = "Patient/nobody" },
        });

        Assert.Equal(("launchContext[patient]", PopulationIssueCodes.LaunchContextMissing), (result.Issues[0].Path, result.Issues[0].Code));
        Assert.Empty(result.Response.Items);
    }

    [Fact]
    public async Task PopulateAsync_QueryFails_ReportsQueryFailedWithoutTheExceptionMessage()
    {
        var result = await FormPopulator.PopulateAsync(Bmi.Value, new PopulationRequest
        {
            DataSource = new FailingSearches(Data()),
            LaunchReferences = new Dictionary<string, string> { ["patient"] = "Patient/pat-repop" },
        });

        Assert.Equal(PopulationIssueCodes.QueryFailed, result.Issues[0].Code);
        Assert.Equal("variable[ObsBodyHeight]", result.Issues[0].Path);
        Assert.DoesNotContain("163", string.Join(" ", result.Issues.Select(i => i.Message)), StringComparison.Ordinal);
        Assert.Contains(result.Issues, i => i.Code == PopulationIssueCodes.VariableUnavailable && i.Path.EndsWith("item[patient-height]", StringComparison.Ordinal));
        Assert.Empty(result.Response.Items);
    }

    [Fact]
    public async Task PopulateAsync_LaunchContextsAndItemPopulationContext_FillEachRepetitionAndConvertTypes()
    {
        var form = QuestionnaireMapper.ImportJson("""
            { "resourceType": "Questionnaire", "url": "https://forms.example.org/prepop-conditions", "version": "1", "status": "active",
              "extension": [
                { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext", "extension": [ { "url": "name", "valueCoding": { "system": "http://hl7.org/fhir/uv/sdc/CodeSystem/launchContext", "code": "patient" } }, { "url": "type", "valueCode": "Patient" } ] },
                { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext", "extension": [ { "url": "name", "valueCoding": { "system": "http://hl7.org/fhir/uv/sdc/CodeSystem/launchContext", "code": "user" } }, { "url": "type", "valueCode": "Practitioner" } ] },
                { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext", "extension": [ { "url": "name", "valueCoding": { "system": "http://hl7.org/fhir/uv/sdc/CodeSystem/launchContext", "code": "encounter" } }, { "url": "type", "valueCode": "Encounter" } ] },
                { "url": "http://hl7.org/fhir/StructureDefinition/variable", "valueExpression": { "name": "Conditions", "language": "application/x-fhir-query", "expression": "Condition?patient={{%patient.id}}&clinical-status=active" } }
              ],
              "item": [
                { "linkId": "dob", "type": "date", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%patient.birthDate" } } ] },
                { "linkId": "sex", "type": "choice", "answerOption": [ { "valueCoding": { "system": "http://hl7.org/fhir/administrative-gender", "code": "female" } }, { "valueCoding": { "system": "http://hl7.org/fhir/administrative-gender", "code": "male" } } ],
                  "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%patient.gender" } } ] },
                { "linkId": "clinician", "type": "string", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%user.name.first().family" } } ] },
                { "linkId": "visit", "type": "string", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%encounter.id" } } ] },
                { "linkId": "conditions", "type": "group", "repeats": true,
                  "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-itemPopulationContext", "valueExpression": { "name": "ConditionRepeat", "language": "text/fhirpath", "expression": "%Conditions.entry.resource" } } ],
                  "item": [
                    { "linkId": "condition", "type": "string", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%ConditionRepeat.code.text" } } ] },
                    { "linkId": "onset", "type": "date", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%ConditionRepeat.onset" } } ] } ] }
              ] }
            """).Definition;
        var data = new InMemoryFhirDataSource()
            .Add(new Condition { Id = "c1", Subject = new ResourceReference("Patient/p1"), ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"), Code = new CodeableConcept { Text = "Asthma" }, Onset = new FhirDateTime("2010-04-02T09:00:00Z") })
            .Add(new Condition { Id = "c2", Subject = new ResourceReference("Patient/p1"), ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"), Code = new CodeableConcept { Text = "Hypertension" }, Onset = new FhirDateTime("2018-11-20") })
            .Add(new Condition { Id = "c3", Subject = new ResourceReference("Patient/p1"), ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved"), Code = new CodeableConcept { Text = "Fracture" } });

        var result = await FormPopulator.PopulateAsync(form, new PopulationRequest
        {
            DataSource = data,
            LaunchContext = new Dictionary<string, Resource>
            {
                ["patient"] = new Patient { Id = "p1", Gender = AdministrativeGender.Male, BirthDate = "1980-02-29" },
                ["user"] = new Practitioner { Id = "dr", Name = [new HumanName { Family = "Okafor" }] },
                ["encounter"] = new Encounter { Id = "enc-7", Status = Encounter.EncounterStatus.InProgress, Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR") },
            },
        });

        Assert.Empty(result.Issues);
        Assert.Equal(new DateAnswer(FormDate.Parse("1980-02-29")), AnswerOf(result.Response, "dob"));
        Assert.Equal("male", Assert.IsType<CodingAnswer>(AnswerOf(result.Response, "sex")).Value.Code);
        Assert.Equal(new StringAnswer("Okafor"), AnswerOf(result.Response, "clinician"));
        Assert.Equal(new StringAnswer("enc-7"), AnswerOf(result.Response, "visit"));
        var repetitions = result.Response.Items.Where(i => i.LinkId == "conditions").ToList();
        Assert.Equal(["Asthma", "Hypertension"], repetitions.Select(r => ((StringAnswer)r.Items.Single(i => i.LinkId == "condition").Answers.Single().Value).Value));
        Assert.Equal(new DateAnswer(FormDate.Parse("2010-04-02")), repetitions[0].Items.Single(i => i.LinkId == "onset").Answers.Single().Value);
        Assert.True(new FormEngine([new Remedora.Fhir.Expressions.FhirPathLanguage()]).Evaluate(form, result.Response).IsValid);
    }

    [Fact]
    public async Task PopulateAsync_ValueOfTheWrongType_ReportsValueTypeMismatch()
    {
        var form = QuestionnaireMapper.ImportJson("""
            { "resourceType": "Questionnaire", "url": "https://forms.example.org/prepop-mismatch", "version": "1", "status": "active",
              "item": [ { "linkId": "n", "type": "integer", "extension": [ { "url": "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression", "valueExpression": { "language": "text/fhirpath", "expression": "%patient.name" } } ] } ] }
            """, new QuestionnaireImportOptions { SupportedLaunchContexts = { "patient" } }).Definition;

        var result = await FormPopulator.PopulateAsync(form, new PopulationRequest
        {
            DataSource = new InMemoryFhirDataSource(),
            LaunchContext = new Dictionary<string, Resource> { ["patient"] = new Patient { Id = "p", Name = [new HumanName { Family = "Secret" }] } },
        });

        var issue = Assert.Single(result.Issues);
        Assert.Equal(("item[n]", PopulationIssueCodes.ValueTypeMismatch), (issue.Path, issue.Code));
        Assert.DoesNotContain("Secret", issue.Message, StringComparison.Ordinal);
        Assert.Empty(result.Response.Items);
    }

    private sealed class FailingSearches(IFhirDataSource inner) : IFhirDataSource
    {
        public Task<Resource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default) => inner.ReadAsync(resourceType, id, cancellationToken);

        public Task<Bundle> SearchAsync(string query, CancellationToken cancellationToken = default) => throw new InvalidOperationException("server down: 163 cm for Patient pat-repop");
    }
}
