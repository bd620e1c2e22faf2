using System.Reflection;
using System.Text.Json;
using Remedora.Testing;

namespace Remedora.Core.Tests.Model;

public class ModelTests
{
    [Fact]
    public void Patient_DemographicAndContactFields_AreMarkedPhi()
    {
        Assert.Equal(
            ["Address", "BirthDate", "Email", "FamilyName", "GivenName", "Phone"],
            PhiProperties(typeof(Patient)));
        Assert.Equal(["City", "Lines", "PostalCode", "Region"], PhiProperties(typeof(PostalAddress)));
        Assert.Equal(RemedoraTaxonomy.Phi, new PhiAttribute().Classification);
        Assert.Equal("Remedora", RemedoraTaxonomy.Phi.TaxonomyName);
        Assert.Equal("PHI", RemedoraTaxonomy.Phi.Value);
    }

    [Fact]
    public void Patient_JsonRoundTrip_KeepsEveryField()
    {
        var patient = TestData.Patient().Build();

        var back = JsonSerializer.Deserialize<Patient>(JsonSerializer.Serialize(patient))!;

        Assert.Equal(patient with { Address = null }, back with { Address = null });
        Assert.Equal(patient.Address!.Lines, back.Address!.Lines);
        Assert.Equal(patient.Address with { Lines = [] }, back.Address with { Lines = [] });
    }

    [Fact]
    public void CareTeam_Includes_ChecksMembership()
    {
        var member = TestData.Practitioner().Build();
        var team = TestData.CareTeam().WithMember(member, "consultant").Build();

        Assert.True(team.Includes(member.Id));
        Assert.False(team.Includes(Id<Practitioner>.New()));
        Assert.False(TestData.CareTeam().Build().Includes(member.Id));
    }

    [Fact]
    public void CareCase_IsClosed_FollowsClosedAt()
    {
        Assert.False(TestData.CareCase().Build().IsClosed);
        Assert.True(TestData.CareCase().Closed().Build().IsClosed);
    }

    [Fact]
    public void WorkItemKind_WellKnownKinds_HaveStableText()
        => Assert.Equal(
            ["review-intake", "answer-message", "handle-alert", "sign-note", "fix-fulfillment"],
            new[] { WorkItemKind.ReviewIntake, WorkItemKind.AnswerMessage, WorkItemKind.HandleAlert, WorkItemKind.SignNote, WorkItemKind.FixFulfillment }.Select(k => k.ToString()));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234x")]
    public void WorkItemKind_BlankOrTooLong_ThrowsArgumentException(string value)
        => Assert.ThrowsAny<ArgumentException>(() => new WorkItemKind(value));

    [Fact]
    public void WorkItemKind_Json_RoundTripsAndRejectsMalformed()
    {
        var kind = new WorkItemKind("review-photos");

        Assert.Equal("\"review-photos\"", JsonSerializer.Serialize(kind));
        Assert.Equal(kind, JsonSerializer.Deserialize<WorkItemKind>("\"review-photos\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkItemKind>("\"\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<WorkItemKind>("3"));
        Assert.Equal(string.Empty, default(WorkItemKind).ToString());
    }

    [Fact]
    public void WorkItem_JsonRoundTrip_KeepsEveryField()
    {
        var item = TestData.WorkItem().RequiringLicenceIn("US-NY").RequiringSpecialty("dermatology").ClaimedBy(TestData.Practitioner().Build()).Build();

        Assert.Equal(item, JsonSerializer.Deserialize<WorkItem>(JsonSerializer.Serialize(item)));
    }

    private static string[] PhiProperties(Type type)
        => type.GetProperties().Where(p => p.GetCustomAttribute<PhiAttribute>() is not null).Select(p => p.Name).Order().ToArray();
}
