using System.Text.Json.Nodes;
using Remedora.Fhir.Questionnaires;
using Remedora.Fhir.Validation;
using Remedora.Intake;

namespace Remedora.Fhir.Tests.Questionnaires;

/// <summary>Inline attachment content (<c>valueAttachment.data</c>) on QuestionnaireResponse import: kept as a data URL within R4's 1 MB string limit, reported otherwise.</summary>
public class AttachmentDataImportTests
{
    private static FormDefinition Form => QuestionnaireFiles.Definition("sdc-test-all-data-types.json");

    private static QuestionnaireResponseImportResult Import(JsonObject attachment) => QuestionnaireResponseMapper.ImportJson(new JsonObject
    {
        ["resourceType"] = "QuestionnaireResponse",
        ["status"] = "completed",
        ["item"] = new JsonArray(new JsonObject
        {
            ["linkId"] = Form.Items[0].LinkId,
            ["item"] = new JsonArray(new JsonObject { ["linkId"] = "id-attachment", ["answer"] = new JsonArray(new JsonObject { ["valueAttachment"] = attachment }) }),
        }),
    }.ToJsonString(), Form);

    private static FormAttachment Attachment(QuestionnaireResponseImportResult result)
        => Assert.IsType<AttachmentAnswer>(Assert.Single(Assert.Single(Assert.Single(result.Response.Items).Items).Answers).Value).Value;

    [Fact]
    public void ImportJson_DataAndUrl_KeepsTheUrlAndReportsTheDataNotKept()
    {
        var result = Import(new JsonObject { ["contentType"] = "image/png", ["url"] = "https://files.example.org/1", ["data"] = Convert.ToBase64String([1, 2, 3]) });

        Assert.Equal(QuestionnaireResponseImportIssueCodes.AttachmentDataNotKept, Assert.Single(result.Issues).Code);
        Assert.Equal("https://files.example.org/1", Attachment(result).Url);
        Assert.Equal(3, Attachment(result).Size);
    }

    [Fact]
    public void ImportJson_DataLongerThanTheStringLimitAsDataUrl_IsNotKept()
    {
        // 786,432 bytes are 1,048,576 base64 characters: with the "data:...;base64," prefix the URL is over R4's limit.
        var bytes = new byte[FhirValidator.MaxStringLength / 4 * 3];

        var result = Import(new JsonObject { ["contentType"] = "image/png", ["data"] = Convert.ToBase64String(bytes) });

        Assert.Equal(QuestionnaireResponseImportIssueCodes.AttachmentDataNotKept, Assert.Single(result.Issues).Code);
        Assert.Null(Attachment(result).Url);
        Assert.Equal(bytes.Length, Attachment(result).Size);
    }

    [Fact]
    public void ImportJson_DataJustWithinTheLimit_IsKeptAndExportsAsTheUrl()
    {
        var prefix = "data:image/png;base64,".Length;
        var bytes = new byte[(FhirValidator.MaxStringLength - prefix) / 4 * 3];
        bytes[0] = 7;

        var result = Import(new JsonObject { ["contentType"] = "image/png", ["data"] = Convert.ToBase64String(bytes) });

        Assert.Equal(QuestionnaireResponseImportIssueCodes.AttachmentDataAsUrl, Assert.Single(result.Issues).Code);
        var url = Attachment(result).Url!;
        Assert.True(url.Length <= FhirValidator.MaxStringLength);
        Assert.Equal(bytes, Convert.FromBase64String(url[prefix..]));
        var exported = QuestionnaireResponseMapper.Export(result.Response);
        var attachment = Assert.IsType<Hl7.Fhir.Model.Attachment>(exported.Item[0].Item[0].Answer[0].Value);
        Assert.Equal(url, attachment.Url);
    }
}
