namespace Remedora.Testing;

/// <summary>Builds a <see cref="Tenant"/>. Start one with <see cref="TestData.Tenant"/>.</summary>
public sealed class TenantBuilder
{
    private TenantId _id = TestData.TenantId;
    private string _name = "Test Tenant";
    private List<Jurisdiction> _jurisdictions = [TestData.Jurisdiction];
    private bool _active = true;
    private DateTimeOffset _createdAt = TestClock.Start;
    private long _version;

    /// <summary>Sets the tenant id.</summary>
    /// <param name="id">The tenant id, for example <c>acme-dermatology</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FormatException"><paramref name="id"/> is not a valid tenant id.</exception>
    public TenantBuilder WithId(string id) => WithId(TenantId.Parse(id));

    /// <summary>Sets the tenant id.</summary>
    /// <param name="id">The tenant id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public TenantBuilder WithId(TenantId id)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("A tenant needs a non-empty id.", nameof(id));
        }

        _id = id;
        return this;
    }

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public TenantBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        return this;
    }

    /// <summary>Sets the jurisdictions the tenant offers care in, replacing the default.</summary>
    /// <param name="jurisdictions">ISO 3166 codes such as <c>US-CA</c>; none for no restriction.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FormatException">A code is not a valid jurisdiction.</exception>
    public TenantBuilder ServingIn(params string[] jurisdictions)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        _jurisdictions = jurisdictions.Select(Jurisdiction.Parse).ToList();
        return this;
    }

    /// <summary>Marks the tenant inactive.</summary>
    /// <returns>This builder.</returns>
    public TenantBuilder Inactive()
    {
        _active = false;
        return this;
    }

    /// <summary>Sets when the tenant was created.</summary>
    /// <param name="createdAt">The time.</param>
    /// <returns>This builder.</returns>
    public TenantBuilder CreatedAt(DateTimeOffset createdAt)
    {
        _createdAt = createdAt;
        return this;
    }

    /// <summary>Sets the stored version.</summary>
    /// <param name="version">The version; 0 or more.</param>
    /// <returns>This builder.</returns>
    public TenantBuilder WithVersion(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        _version = version;
        return this;
    }

    /// <summary>Builds the tenant.</summary>
    /// <returns>A new tenant.</returns>
    public Tenant Build() => new()
    {
        Id = _id,
        Name = _name,
        ServiceJurisdictions = _jurisdictions.ToArray(),
        Active = _active,
        CreatedAt = _createdAt,
        Version = _version,
    };
}
