namespace Remedora.Storage.Tests.Documents;

public class DocumentCollectionBuilderTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Patients")]
    [InlineData("1patients")]
    [InlineData("intake submissions")]
    [InlineData("-dash")]
    [InlineData("abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij-abcdefghij")]
    public void Constructor_InvalidName_ThrowsArgumentException(string name)
        => Assert.ThrowsAny<ArgumentException>(() => new DocumentCollectionBuilder<Note>(name, "Note"));

    [Theory]
    [InlineData("notes")]
    [InlineData("intake.submissions")]
    [InlineData("a")]
    [InlineData("care_paths-v2.cases")]
    public void Constructor_ValidName_Builds(string name)
        => Assert.Equal(name, Notes(name).Name);

    [Fact]
    public void Constructor_InvalidName_MessageSaysTheRule()
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentCollectionBuilder<Note>("Bad Name", "Note"));

        Assert.StartsWith("Collection name 'Bad Name' is invalid: use 1 to 63 characters a-z, 0-9, '_', '.' or '-', starting with a letter.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankResourceType_Throws()
        => Assert.ThrowsAny<ArgumentException>(() => new DocumentCollectionBuilder<Note>("notes", " "));

    [Fact]
    public void Index_DuplicateName_Throws()
    {
        var builder = Builder().Index("author", n => n.Author);

        var error = Assert.Throws<ArgumentException>(() => builder.Index("author", n => n.Title));

        Assert.StartsWith("Collection 'notes' already has an index named 'author'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_ManyIndexesOfOneKind_AreAllDeclared()
    {
        var builder = Builder();
        for (var i = 0; i < 12; i++)
        {
            builder.Index("text" + i, n => n.Author);
        }

        Assert.Equal(12, builder.Build().Indexes.Count);
    }

    [Fact]
    public void Index_ProtectedNotText_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Builder().Index("secret", n => n.Rank, IndexOptions.Protected));

        Assert.StartsWith("Index 'secret' is protected, so it must be a single text field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Index_ProtectedComposite_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Builder().Index("secret", n => n.Author, n => n.Title, IndexOptions.Protected));

        Assert.StartsWith("Index 'secret' is protected, so it must be a single text field", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1st")]
    [InlineData("with space")]
    public void Index_InvalidName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => Builder().Index(name, n => n.Author));
    }

    [Fact]
    public void Index_DeclaredHandles_KeepTheirOptionsAndFields()
    {
        var byAuthor = new DocumentIndex<Note, string?>("author", n => n.Author, IndexOptions.Unique);
        var byAuthorAndAt = new CompositeIndex<Note, string?, DateTimeOffset?>("author-at", n => n.Author, n => n.At, IndexOptions.Unique);

        var collection = Builder().Index(byAuthor).Index(byAuthorAndAt).Build();

        Assert.Same(byAuthor, collection.GetIndex("author"));
        Assert.Same(byAuthorAndAt, collection.GetIndex("author-at"));
        Assert.True(byAuthor.IsUnique);
        Assert.False(byAuthor.IsComposite);
        Assert.True(byAuthorAndAt.IsComposite);
        Assert.Equal([typeof(string), typeof(DateTimeOffset?)], byAuthorAndAt.ValueTypes);
        Assert.Equal([IndexFieldKind.Text, IndexFieldKind.Time], byAuthorAndAt.Kinds);
    }

    [Fact]
    public void Build_WithoutKeyTenantOrVersion_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new DocumentCollectionBuilder<Note>("notes", "Note").Key(n => n.Id).Build());

        Assert.Equal("Collection 'notes' needs Key, Tenant and Version before it can be built.", error.Message);
    }

    [Fact]
    public void Build_Complete_ExposesAccessorsAndIndexes()
    {
        var collection = Builder()
            .Patient(n => n.PatientId)
            .Index("author", n => n.Author)
            .Index("secret", n => n.Title, IndexOptions.Protected)
            .Index("rank", n => n.Rank)
            .Index("at", n => n.At)
            .Build();
        var patient = Id<Patient>.New();
        var note = new Note { Id = Id<Note>.New(), TenantId = TenantId.Parse("acme"), Version = 3, PatientId = patient, Author = "dr-1", Rank = 2 };

        Assert.Equal(("notes", "Note", typeof(Note), true), (collection.Name, collection.ResourceType, collection.DocumentType, collection.HasPatient));
        Assert.Equal(note.Id.ToString(), collection.KeyOf(note));
        Assert.Equal(note.Id.ToString(), collection.GetKey(note));
        Assert.Equal(TenantId.Parse("acme"), collection.GetTenant(note));
        Assert.Equal(3, collection.GetVersion(note));
        Assert.Equal(4, ((Note)collection.WithVersion((object)note, 4)).Version);
        Assert.Equal(patient, collection.GetPatient(note));
        Assert.Equal(["author", "secret", "rank", "at"], collection.Indexes.Select(i => i.Name));
        Assert.True(collection.GetIndex("secret").IsProtected);
        Assert.Equal([IndexFieldKind.Number], collection.GetIndex("rank").Kinds);
        Assert.Equal(new object?[] { 2L }, collection.GetIndex("rank").Extract(note));
        Assert.Equal(new object?[] { null }, collection.GetIndex("at").Extract(note));
    }

    [Fact]
    public void Build_WithoutPatient_IsNotPatientData()
    {
        var collection = Builder().Build();

        Assert.False(collection.HasPatient);
        Assert.Null(collection.GetPatient(new Note { Id = Id<Note>.New(), TenantId = TenantId.Parse("acme") }));
    }

    [Fact]
    public void GetIndex_Unknown_ThrowsAndListsTheIndexes()
    {
        var collection = Builder().Index("author", n => n.Author).Build();

        var error = Assert.Throws<ArgumentException>(() => collection.GetIndex("title"));

        Assert.StartsWith("Collection 'notes' has no index named 'title'. Its indexes are: author.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetKey_DocumentOfAnotherType_Throws()
    {
        var collection = Builder().Build();

        Assert.Throws<ArgumentException>(() => collection.GetKey("not a note"));
    }

    [Fact]
    public void StorageModel_DuplicateNameOrType_ThrowsAndComposesOtherwise()
    {
        var model = new StorageModelBuilder().Add(CoreCollections.Patients).Add(Notes("notes"));

        var sameName = Assert.Throws<InvalidOperationException>(() => model.Add(new DocumentCollectionBuilder<Other>("notes", "Other").Key(o => o.Key).Tenant(o => o.TenantId).Version(o => o.Version, (o, v) => o with { Version = v }).Build()));
        var sameType = Assert.Throws<InvalidOperationException>(() => model.Add(Notes("notes-again")));
        var built = model.Build();

        Assert.StartsWith("Two packages contribute a document collection named 'notes'.", sameName.Message, StringComparison.Ordinal);
        Assert.StartsWith("Document type Note is contributed twice (as 'notes' and 'notes-again').", sameType.Message, StringComparison.Ordinal);
        Assert.Same(CoreCollections.Patients, built.Get<Patient>());
        Assert.Equal("notes", built.Get("notes").Name);
        Assert.Throws<InvalidOperationException>(() => built.Get<Other>());
        Assert.Throws<InvalidOperationException>(() => built.Get("others"));
    }

    [Fact]
    public void StorageModel_CoreCollections_ContributesEveryCoreAggregate()
    {
        var model = StorageModel.Create([new CoreCollections()]);

        Assert.Equal(["tenants", "patients", "practitioners", "care-teams", "care-cases", "encounters", "work-items"], model.Collections.Select(c => c.Name));
    }

    private static DocumentCollectionBuilder<Note> Builder(string name = "notes")
        => new DocumentCollectionBuilder<Note>(name, "Note")
            .Key(n => n.Id)
            .Tenant(n => n.TenantId)
            .Version(n => n.Version, (n, v) => n with { Version = v });

    private static DocumentCollection<Note> Notes(string name) => Builder(name).Build();

    public sealed record Note
    {
        public required Id<Note> Id { get; init; }

        public required TenantId TenantId { get; init; }

        public long Version { get; init; }

        public Id<Patient>? PatientId { get; init; }

        public string? Author { get; init; }

        public string? Title { get; init; }

        public int? Rank { get; init; }

        public DateTimeOffset? At { get; init; }
    }

    public sealed record Other(string Key, TenantId TenantId, long Version);
}
