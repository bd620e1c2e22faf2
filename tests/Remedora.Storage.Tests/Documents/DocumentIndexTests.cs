namespace Remedora.Storage.Tests.Documents;

public class DocumentIndexTests
{
    private static readonly DocumentIndex Text = CoreCollections.WorkItems.GetIndex("status");
    private static readonly DocumentIndex Number = CoreCollections.WorkItems.GetIndex("priority");
    private static readonly DocumentIndex Time = CoreCollections.WorkItems.GetIndex("dueAt");

    [Fact]
    public void Normalize_TextField_ConvertsIdsEnumsAndFormattablesToText()
    {
        var id = Id<Patient>.New();

        Assert.Equal(id.ToString(), Text.Normalize(0, id));
        Assert.Equal("Claimed", Text.Normalize(0, WorkItemStatus.Claimed));
        Assert.Equal("1.5", Text.Normalize(0, 1.5m));
        Assert.Equal("US-CA", Text.Normalize(0, "US-CA"));
        Assert.Null(Text.Normalize(0, string.Empty));
        Assert.Null(Text.Normalize(0, null));
    }

    [Fact]
    public void Normalize_TextLongerThanMax_Throws()
    {
        Assert.Equal(200, ((string)Text.Normalize(0, new string('x', DocumentIndex.MaxKeyLength))!).Length);
        var error = Assert.Throws<ArgumentException>(() => Text.Normalize(0, new string('x', DocumentIndex.MaxKeyLength + 1)));
        Assert.StartsWith("Index 'status' holds text of at most 200 characters.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_NumberField_AcceptsIntegersAndEnums()
    {
        Assert.Equal(5L, Number.Normalize(0, 5));
        Assert.Equal(5L, Number.Normalize(0, 5L));
        Assert.Equal(3L, Number.Normalize(0, WorkItemPriority.Stat));
        var error = Assert.Throws<ArgumentException>(() => Number.Normalize(0, "5"));
        Assert.StartsWith("Index 'priority' holds numbers; a String cannot be stored in it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_TimeField_UtcWholeMicrosecondsOnly()
    {
        var local = new DateTimeOffset(2025, 3, 3, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(19);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddTicks(10), Time.Normalize(0, local));
        var error = Assert.Throws<ArgumentException>(() => Time.Normalize(0, new DateTime(2025, 3, 3, 0, 0, 0, DateTimeKind.Utc)));
        Assert.StartsWith("Index 'dueAt' holds instants; a DateTime cannot be stored in it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_Document_ReturnsNormalisedValue()
    {
        var due = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddTicks(7);
        var item = new WorkItem
        {
            Id = Id<WorkItem>.New(),
            TenantId = TenantId.Parse("acme"),
            PatientId = Id<Patient>.New(),
            Kind = WorkItemKind.ReviewIntake,
            CreatedAt = due,
            DueAt = due,
            Priority = WorkItemPriority.Urgent,
        };

        Assert.Equal(new object?[] { StorageTime.Normalize(due) }, Time.Extract(item));
        Assert.Equal(new object?[] { 1L }, Number.Extract(item));
        Assert.Equal(new object?[] { "Ready" }, Text.Extract(item));
    }

    [Fact]
    public void StorageTime_Normalize_TruncatesNeverRounds()
    {
        var value = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddTicks(9);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero), StorageTime.Normalize(value));
    }

    [Fact]
    public void Kinds_FollowTheDeclaredValueType()
    {
        Assert.Equal([IndexFieldKind.Text], Text.Kinds);
        Assert.Equal([IndexFieldKind.Number], Number.Kinds);
        Assert.Equal([IndexFieldKind.Time], Time.Kinds);
    }
}
