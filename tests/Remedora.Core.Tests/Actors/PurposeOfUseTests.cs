using System.Text.Json;

namespace Remedora.Core.Tests.Actors;

public class PurposeOfUseTests
{
    [Theory]
    [InlineData("TREAT")]
    [InlineData("ETREAT")]
    [InlineData("x-custom_1")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Constructor_Code_KeepsIt(string code)
    {
        var purpose = new PurposeOfUse(code);

        Assert.Equal(code, purpose.Code);
        Assert.Equal(code, purpose.ToString());
        Assert.Equal(purpose, JsonSerializer.Deserialize<PurposeOfUse>(JsonSerializer.Serialize(purpose)));
    }

    [Theory]
    [InlineData("TRE AT")]
    [InlineData("TREAT!")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    [InlineData("TRÉAT")]
    public void Constructor_NotACode_ThrowsArgumentException(string code)
    {
        var ex = Assert.Throws<ArgumentException>(() => new PurposeOfUse(code));

        Assert.StartsWith("A purpose of use is an HL7 v3 PurposeOfUse code such as 'TREAT': 1 to 32 letters, digits, '-' or '_'.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WellKnownPurposes_HaveTheirHl7Codes()
    {
        Assert.Equal(
            ["TREAT", "ETREAT", "HPAYMT", "HOPERAT", "PATRQT", "PUBHLTH", "HLEGAL", "HRESCH", "HSYSADMIN"],
            new[]
            {
                PurposeOfUse.Treatment, PurposeOfUse.EmergencyTreatment, PurposeOfUse.Payment, PurposeOfUse.Operations,
                PurposeOfUse.PatientRequest, PurposeOfUse.PublicHealth, PurposeOfUse.Legal, PurposeOfUse.Research,
                PurposeOfUse.SystemAdministration,
            }.Select(p => p.Code));
        Assert.Equal(string.Empty, default(PurposeOfUse).ToString());
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"TRE AT\"")]
    [InlineData("1")]
    [InlineData("null")]
    public void Json_Malformed_ThrowsJsonException(string json)
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PurposeOfUse>(json));
}
