using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using FhirPatient = Hl7.Fhir.Model.Patient;
using Remedora.Fhir.Extraction;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Extraction;

/// <summary>
/// SDC $extract. Real inputs: the SDC IG's definition-based example (tests/data/questionnaires/extract,
/// HL7/sdc, CC0) and CSIRO Smart Forms' CVD Check (observation-based, wild/, Apache-2.0); synthetic Questionnaires
/// for Condition and AllergyIntolerance. Every extracted resource is validated by the Firely validator.
/// </summary>
[Collection(FhirSpecificationCollection.Name)]
public class QuestionnaireResponseExtractorTests(FhirSpecificationFixture fixture)
{
    private const string Sdc = "http://hl7.org/fhir/uv/sdc/StructureDefinition/";
    private static readonly QuestionnaireResponseExtractor Extractor = new(QuestionnaireFiles.Engine);

    private static string DataFile(string relative) => File.ReadAllText(Path.Combine(QuestionnaireFiles.Directory, relative));

    private static QuestionnaireResponse Response(FormDefinition form, params JsonNode[] items)
    {
        var json = new JsonObject
        {
            ["resourceType"] = "QuestionnaireResponse",
            ["id"] = "qr-1",
            ["status"] = "completed",
            ["questionnaire"] = form.Reference.ToString(),
            ["subject"] = new JsonObject { ["reference"] = "Patient/p1" },
            ["encounter"] = new JsonObject { ["reference"] = "Encounter/e1" },
            ["author"] = new JsonObject { ["reference"] = "Practitioner/dr1" },
            ["authored"] = "2026-03-04T05:06:07+00:00",
            ["item"] = new JsonArray(items),
        };
        return FhirFormats.ParseJson<QuestionnaireResponse>(json.ToJsonString());
    }

    private static JsonObject Answer(string linkId, JsonObject value) => new() { ["linkId"] = linkId, ["answer"] = new JsonArray(value) };

    private static JsonObject Group(string linkId, params JsonNode[] items) => new() { ["linkId"] = linkId, ["item"] = new JsonArray(items) };

    private void AssertValid(ExtractionResult result)
    {
        Assert.Equal(Bundle.BundleType.Transaction, result.Bundle.Type);
        foreach (var entry in result.Bundle.Entry)
        {
            Assert.StartsWith("urn:uuid:", entry.FullUrl, StringComparison.Ordinal);
            Assert.Equal(Bundle.HTTPVerb.POST, entry.Request!.Method);
            var report = fixture.Validator.Validate(entry.Resource!);
            Assert.True(report.IsValid, $"{entry.Resource!.TypeName}: {string.Join("; ", report.Errors.Select(e => $"{e.Location} {e.Message}"))}");
        }

        Assert.True(fixture.Validator.Validate(result.Bundle).IsValid);
    }

    // ------------------------------------------------------------------ observation-based

    private static FormDefinition CvdCheck
    {
        get
        {
            var result = QuestionnaireMapper.ImportJson(DataFile("wild/smartforms-cvd-check.json"));
            return result.Definition;
        }
    }

    private static QuestionnaireResponse CvdResponse(FormDefinition form) => Response(
        form,
        Group(
            "CVD-risk",
            Answer("gender", new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://hl7.org/fhir/administrative-gender", ["code"] = "female", ["display"] = "Female" } }),
            Answer("age", new JsonObject { ["valueInteger"] = 60 }),
            Answer("systolic-bp", new JsonObject { ["valueDecimal"] = 140 }),
            Answer("current-smoker", new JsonObject { ["valueBoolean"] = true }),
            Answer("tot-chol", new JsonObject { ["valueDecimal"] = 6.0 }),
            Answer("hdl-chol", new JsonObject { ["valueDecimal"] = 1.2 }),
            Answer("has-diabetes", new JsonObject { ["valueBoolean"] = false }),
            Answer("ecg-lvh", new JsonObject { ["valueBoolean"] = false })));

    [Fact]
    public void Extract_SmartFormsCvdCheck_OneObservationWithTheCalculatedRisk()
    {
        var form = CvdCheck;

        var result = Extractor.Extract(form, CvdResponse(form));

        var observation = Assert.IsType<Observation>(Assert.Single(result.Resources));
        Assert.Equal(("http://snomed.info/sct", "827181004"), (observation.Code!.Coding[0].System, observation.Code.Coding[0].Code));
        var value = Assert.IsType<Quantity>(observation.Value);
        Assert.Equal(Questionnaires.WildQuestionnaireScoreTests.CvdRisk(female: true, age: 60, sbp: 140, smoker: true, tc: 6.0, hdl: 1.2, diabetes: false), value.Value);
        Assert.Equal(("%", "http://unitsofmeasure.org"), (value.Code, value.System));
        Assert.Equal(ObservationStatus.Final, observation.Status);
        Assert.Equal("Patient/p1", observation.Subject!.Reference);
        Assert.Equal("Encounter/e1", observation.Encounter!.Reference);
        Assert.Equal("Practitioner/dr1", Assert.Single(observation.Performer).Reference);
        Assert.Equal("2026-03-04T05:06:07+00:00", Assert.IsType<FhirDateTime>(observation.Effective).Value);
        Assert.Equal("QuestionnaireResponse/qr-1", Assert.Single(observation.DerivedFrom).Reference);
        AssertValid(result);
    }

    private static FormDefinition ObservationForm => QuestionnaireMapper.ImportJson(new JsonObject
    {
        ["resourceType"] = "Questionnaire",
        ["url"] = "urn:test:obs-extract",
        ["version"] = "1",
        ["status"] = "active",
        ["extension"] = new JsonArray(new JsonObject { ["url"] = Sdc + "sdc-questionnaire-observationExtract", ["valueBoolean"] = true }),
        ["item"] = new JsonArray(
            new JsonObject { ["linkId"] = "smoker", ["type"] = "boolean", ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "63581-9" }) },
            new JsonObject
            {
                ["linkId"] = "packs", ["type"] = "integer", ["repeats"] = true, ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "8663-7" }),
                ["enableWhen"] = new JsonArray(new JsonObject { ["question"] = "smoker", ["operator"] = "=", ["answerBoolean"] = true }),
            },
            new JsonObject
            {
                ["linkId"] = "mood", ["type"] = "choice", ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "44250-9" }),
                ["answerOption"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://loinc.org", ["code"] = "LA6568-5", ["display"] = "Not at all" } }),
            },
            new JsonObject { ["linkId"] = "note", ["type"] = "string" },
            new JsonObject
            {
                ["linkId"] = "photo", ["type"] = "attachment", ["code"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "72170-4" }),
            }),
    }.ToJsonString()).GetDefinitionOrThrow();

    [Fact]
    public void Extract_ObservationBased_OnePerAnswerOfCodedItems_ValueByType()
    {
        var form = ObservationForm;
        var qr = Response(
            form,
            Answer("smoker", new JsonObject { ["valueBoolean"] = true }),
            new JsonObject { ["linkId"] = "packs", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 1 }, new JsonObject { ["valueInteger"] = 2 }) },
            Answer("mood", new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://loinc.org", ["code"] = "LA6568-5" } }),
            Answer("note", new JsonObject { ["valueString"] = "free text" }));

        var result = Extractor.Extract(form, qr);

        var observations = result.Resources.Cast<Observation>().ToArray();
        Assert.Equal(["63581-9", "8663-7", "8663-7", "44250-9"], observations.Select(o => o.Code!.Coding[0].Code));
        Assert.True(Assert.IsType<FhirBoolean>(observations[0].Value).Value);
        Assert.Equal([1, 2], observations[1..3].Select(o => Assert.IsType<Integer>(o.Value).Value));
        Assert.Equal("LA6568-5", Assert.IsType<CodeableConcept>(observations[3].Value).Coding[0].Code);
        AssertValid(result);
    }

    [Fact]
    public void Extract_ObservationBased_DisabledItemIsNotExtracted()
    {
        var form = ObservationForm;
        var qr = Response(
            form,
            Answer("smoker", new JsonObject { ["valueBoolean"] = false }),
            new JsonObject { ["linkId"] = "packs", ["answer"] = new JsonArray(new JsonObject { ["valueInteger"] = 3 }) });

        var result = Extractor.Extract(form, qr);

        Assert.Equal(["63581-9"], result.Resources.Cast<Observation>().Select(o => o.Code!.Coding[0].Code));
    }

    [Fact]
    public void Extract_ObservationBased_AttachmentAnswer_IsAnIssueNotAResource()
    {
        var form = ObservationForm;
        var qr = Response(form, Answer("photo", new JsonObject { ["valueAttachment"] = new JsonObject { ["url"] = "https://files.example.org/1", ["contentType"] = "image/png" } }));

        var result = Extractor.Extract(form, qr);

        Assert.Empty(result.Resources);
        var issue = Assert.Single(result.Issues);
        Assert.Equal(("photo", ExtractionIssueCodes.AnswerTypeNotExtractable), (issue.LinkId, issue.Code));
    }

    // ------------------------------------------------------------------ definition-based

    private static JsonObject DefinitionExtract(string type) => new()
    {
        ["url"] = Sdc + "sdc-questionnaire-definitionExtract",
        ["extension"] = new JsonArray(new JsonObject { ["url"] = "definition", ["valueCanonical"] = $"http://hl7.org/fhir/StructureDefinition/{type}" }),
    };

    private static JsonObject Fixed(string definition, string valueName, JsonNode value) => new()
    {
        ["url"] = Sdc + "sdc-questionnaire-definitionExtractValue",
        ["extension"] = new JsonArray(
            new JsonObject { ["url"] = "definition", ["valueUri"] = definition },
            new JsonObject { ["url"] = "fixed-value", [valueName] = value }),
    };

    private const string ConditionSd = "http://hl7.org/fhir/StructureDefinition/Condition#Condition.";
    private const string AllergySd = "http://hl7.org/fhir/StructureDefinition/AllergyIntolerance#AllergyIntolerance.";

    private static FormDefinition HistoryForm => QuestionnaireMapper.ImportJson(new JsonObject
    {
        ["resourceType"] = "Questionnaire",
        ["url"] = "urn:test:defn-extract",
        ["version"] = "1",
        ["status"] = "active",
        ["item"] = new JsonArray(
            new JsonObject
            {
                ["linkId"] = "problem", ["type"] = "group", ["repeats"] = true,
                ["extension"] = new JsonArray(
                    DefinitionExtract("Condition"),
                    Fixed(ConditionSd + "clinicalStatus", "valueCodeableConcept", new JsonObject
                    {
                        ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-clinical", ["code"] = "active" }),
                    }),
                    Fixed(ConditionSd + "category", "valueCodeableConcept", new JsonObject
                    {
                        ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/condition-category", ["code"] = "problem-list-item" }),
                    })),
                ["item"] = new JsonArray(
                    new JsonObject
                    {
                        ["linkId"] = "problem-code", ["type"] = "choice", ["definition"] = ConditionSd + "code",
                        ["answerOption"] = new JsonArray(
                            new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "38341003", ["display"] = "Hypertension" } },
                            new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "44054006", ["display"] = "Diabetes mellitus type 2" } }),
                    },
                    new JsonObject { ["linkId"] = "onset", ["type"] = "date", ["definition"] = ConditionSd + "onset[x]" },
                    new JsonObject { ["linkId"] = "problem-note", ["type"] = "string", ["definition"] = ConditionSd + "note.text" }),
            },
            new JsonObject
            {
                ["linkId"] = "allergy", ["type"] = "group",
                ["extension"] = new JsonArray(
                    DefinitionExtract("AllergyIntolerance"),
                    Fixed(AllergySd + "verificationStatus", "valueCodeableConcept", new JsonObject
                    {
                        ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", ["code"] = "unconfirmed" }),
                    }),
                    Fixed(AllergySd + "clinicalStatus", "valueCodeableConcept", new JsonObject
                    {
                        ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", ["code"] = "active" }),
                    }),
                    Fixed(AllergySd + "type", "valueCode", "allergy")),
                ["item"] = new JsonArray(
                    new JsonObject { ["linkId"] = "substance", ["type"] = "string", ["definition"] = AllergySd + "code" },
                    new JsonObject
                    {
                        ["linkId"] = "criticality", ["type"] = "choice", ["definition"] = AllergySd + "criticality",
                        ["answerOption"] = new JsonArray(
                            new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://hl7.org/fhir/allergy-intolerance-criticality", ["code"] = "low" } },
                            new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://hl7.org/fhir/allergy-intolerance-criticality", ["code"] = "high" } }),
                    },
                    new JsonObject
                    {
                        ["linkId"] = "reaction", ["type"] = "group", ["repeats"] = true, ["definition"] = AllergySd + "reaction",
                        ["item"] = new JsonArray(
                            new JsonObject
                            {
                                ["linkId"] = "manifestation", ["type"] = "open-choice", ["repeats"] = true, ["definition"] = AllergySd + "reaction.manifestation",
                                ["answerOption"] = new JsonArray(new JsonObject { ["valueCoding"] = new JsonObject { ["system"] = "http://snomed.info/sct", ["code"] = "271807003", ["display"] = "Rash" } }),
                            },
                            new JsonObject { ["linkId"] = "reaction-onset", ["type"] = "dateTime", ["definition"] = AllergySd + "reaction.onset" }),
                    }),
            },
            new JsonObject { ["linkId"] = "orphan", ["type"] = "string", ["definition"] = ConditionSd + "note.text" }),
    }.ToJsonString()).GetDefinitionOrThrow();

    private static JsonObject Coding(string system, string code) => new() { ["valueCoding"] = new JsonObject { ["system"] = system, ["code"] = code } };

    [Fact]
    public void Extract_DefinitionBased_ConditionPerGroupOccurrence_AllergyWithReactions()
    {
        var form = HistoryForm;
        var qr = Response(
            form,
            Group("problem", Answer("problem-code", Coding("http://snomed.info/sct", "38341003")), Answer("onset", new JsonObject { ["valueDate"] = "2019-05" })),
            Group("problem", Answer("problem-code", Coding("http://snomed.info/sct", "44054006")), Answer("problem-note", new JsonObject { ["valueString"] = "diet controlled" })),
            Group(
                "allergy",
                Answer("substance", new JsonObject { ["valueString"] = "Penicillin" }),
                Answer("criticality", Coding("http://hl7.org/fhir/allergy-intolerance-criticality", "high")),
                Group("reaction", new JsonObject { ["linkId"] = "manifestation", ["answer"] = new JsonArray(Coding("http://snomed.info/sct", "271807003"), new JsonObject { ["valueString"] = "Swelling" }) }),
                Group("reaction", Answer("manifestation", new JsonObject { ["valueString"] = "Wheeze" }), Answer("reaction-onset", new JsonObject { ["valueDateTime"] = "2020-01-02T10:00:00Z" }))));

        var result = Extractor.Extract(form, qr);

        var conditions = result.Resources.OfType<Condition>().ToArray();
        Assert.Equal(["38341003", "44054006"], conditions.Select(c => c.Code!.Coding[0].Code));
        Assert.All(conditions, c => Assert.Equal(("active", "problem-list-item", "Patient/p1"), (c.ClinicalStatus!.Coding[0].Code, c.Category[0].Coding[0].Code, c.Subject!.Reference)));
        Assert.Equal("2019-05", Assert.IsType<FhirDateTime>(conditions[0].Onset).Value);
        Assert.Equal("diet controlled", Assert.Single(conditions[1].Note).Text);

        var allergy = Assert.Single(result.Resources.OfType<AllergyIntolerance>());
        Assert.Equal("Penicillin", allergy.Code!.Text);
        Assert.Equal(AllergyIntolerance.AllergyIntoleranceCriticality.High, allergy.Criticality);
        Assert.Equal(AllergyIntolerance.AllergyIntoleranceType.Allergy, allergy.Type);
        Assert.Equal("Patient/p1", allergy.Patient!.Reference);
        Assert.Equal(2, allergy.Reaction.Count);
        Assert.Equal(["271807003", null], allergy.Reaction[0].Manifestation.Select(m => m.Coding.FirstOrDefault()?.Code));
        Assert.Equal("Swelling", allergy.Reaction[0].Manifestation[1].Text);
        Assert.Equal("Wheeze", Assert.Single(allergy.Reaction[1].Manifestation).Text);
        Assert.Equal("2020-01-02T10:00:00Z", allergy.Reaction[1].Onset);
        AssertValid(result);
    }

    [Fact]
    public void Extract_DefinitionOutsideAnyContext_IsNoContextIssue()
    {
        var form = HistoryForm;

        var result = Extractor.Extract(form, Response(form, Answer("orphan", new JsonObject { ["valueString"] = "x" })));

        Assert.Empty(result.Resources);
        Assert.Equal([("orphan", ExtractionIssueCodes.NoContext)], result.Issues.Select(i => (i.LinkId, i.Code)));
    }

    private static QuestionnaireResponse SdcExampleResponse(FormDefinition form) => Response(
        form,
        Group(
            "patient",
            Group("name", new JsonObject { ["linkId"] = "given", ["answer"] = new JsonArray(new JsonObject { ["valueString"] = "Ann" }, new JsonObject { ["valueString"] = "Maree" }) }, Answer("family", new JsonObject { ["valueString"] = "Citizen" })),
            Answer("gender", Coding("http://hl7.org/fhir/administrative-gender", "female")),
            Answer("dob", new JsonObject { ["valueDate"] = "1980-02-03" }),
            Answer("ihi", new JsonObject { ["valueString"] = "8003608166690503" }),
            Answer("mobile-phone", new JsonObject { ["valueString"] = "0491 570 006" })),
        Group("contacts", Answer("contact-name", new JsonObject { ["valueString"] = "Bob Citizen" }), Answer("phone", new JsonObject { ["valueString"] = "0491 570 110" })),
        Group("obs", Answer("height", new JsonObject { ["valueDecimal"] = 1.72 }), Answer("weight", new JsonObject { ["valueDecimal"] = 68.5 }), Answer("complication", new JsonObject { ["valueBoolean"] = false })));

    [Fact]
    public void Extract_SdcComplexDefinitionExampleAsPublished_RefusesTheTelecomDefectAndExtractsTheObservations()
    {
        // The SDC IG's definition-based example, unmodified. Upstream it swaps telecom's fixed values (use 'phone',
        // system 'mobile'), so the Patient and the RelatedPerson are not valid R4 and are left out with the paths;
        // 'complication' has a definition but no definitionExtract of its own or above it.
        var form = QuestionnaireMapper.ImportJson(DataFile("extract/sdc-extract-complex-defn3.json")).Definition;

        var result = Extractor.Extract(form, SdcExampleResponse(form));

        Assert.Contains(result.Issues, i => (i.LinkId, i.Code) == ("patient", ExtractionIssueCodes.ResourceInvalid) && i.Message.Contains("Patient.telecom[0].use", StringComparison.Ordinal));
        Assert.Contains(result.Issues, i => (i.LinkId, i.Code) == ("contacts", ExtractionIssueCodes.ResourceInvalid));
        Assert.Contains(result.Issues, i => (i.LinkId, i.Code) == ("complication", ExtractionIssueCodes.NoContext));
        Assert.All(result.Issues, i => Assert.DoesNotContain("Citizen", i.Message, StringComparison.Ordinal));
        var observations = result.Resources.Cast<Observation>().ToArray();
        Assert.Equal(["8302-2", "29463-7"], observations.Select(o => o.Code!.Coding[0].Code));
        Assert.Equal([(1.72m, "m"), (68.5m, "kg")], observations.Select(o => (((Quantity)o.Value!).Value!.Value, ((Quantity)o.Value!).Unit)));
        AssertValid(result);
    }

    [Fact]
    public void Extract_SdcComplexDefinitionExampleRepaired_PatientRelatedPersonAndObservations()
    {
        // The SDC IG's definition-based extraction example, unmodified: Patient (names, identifier and telecom with
        // fixed values), RelatedPerson per contact (patient.reference from extractAllocateId), and an Observation per
        // measurement (type-sliced valueQuantity, fixed codes, expressions for effective, issued, performer, derivedFrom).
        // Repaired in memory: telecom's use and system fixed values swapped back (use 'mobile', system 'phone').
        var json = DataFile("extract/sdc-extract-complex-defn3.json")
            .Replace("\"valueCode\": \"phone\"", "\"valueCode\": \"@\"", StringComparison.Ordinal)
            .Replace("\"valueCode\": \"mobile\"", "\"valueCode\": \"phone\"", StringComparison.Ordinal)
            .Replace("\"valueCode\": \"@\"", "\"valueCode\": \"mobile\"", StringComparison.Ordinal)
            .Replace("ExtractComplexDefn3", "ExtractComplexDefn3Repaired", StringComparison.Ordinal)
            .Replace("extract-complex-defn3\"", "extract-complex-defn3-repaired\"", StringComparison.Ordinal);
        var form = QuestionnaireMapper.ImportJson(json).Definition;

        var result = Extractor.Extract(form, SdcExampleResponse(form));
        Assert.True(result.Bundle.Entry.Any(e => e.Resource is FhirPatient), string.Join("; ", result.Issues));

        var patientEntry = Assert.Single(result.Bundle.Entry, e => e.Resource is FhirPatient);
        var patient = (FhirPatient)patientEntry.Resource!;
        Assert.Equal(["Ann", "Maree"], patient.Name[0].Given);
        Assert.Equal("Citizen", patient.Name[0].Family);
        Assert.Equal("Ann Maree Citizen", patient.Name[0].Text);
        Assert.Equal(Hl7.Fhir.Model.AdministrativeGender.Female, patient.Gender);
        Assert.Equal("1980-02-03", patient.BirthDateElement!.Value);
        Assert.Equal(("http://example.org/nhio", "National Identifier (IHI)"), (patient.Identifier[0].System, patient.Identifier[0].Type!.Text));

        var related = Assert.IsType<RelatedPerson>(Assert.Single(result.Resources.OfType<RelatedPerson>()));
        Assert.Equal(patientEntry.FullUrl, related.Patient!.Reference);

        var observations = result.Resources.OfType<Observation>().ToArray();
        var height = Assert.Single(observations, o => o.Code!.Coding.Any(c => c.Code == "8302-2"));
        Assert.Equal(1.72m, Assert.IsType<Quantity>(height.Value).Value);
        Assert.Equal("m", ((Quantity)height.Value).Unit);
        Assert.Equal(patientEntry.FullUrl, height.Subject!.Reference);
        Assert.Equal("QuestionnaireResponse/qr-1", Assert.Single(height.DerivedFrom).Reference);
        Assert.Equal("Practitioner/dr1", Assert.Single(height.Performer).Reference);
        AssertValid(result);
    }
}
