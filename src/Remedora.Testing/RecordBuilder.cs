namespace Remedora.Testing;

/// <summary>The part every builder of a tenant's record shares: the record's id, its tenant and its stored version.</summary>
/// <typeparam name="TBuilder">The concrete builder, returned by every method so calls chain.</typeparam>
/// <typeparam name="TRecord">The record built.</typeparam>
public abstract class RecordBuilder<TBuilder, TRecord>
    where TBuilder : RecordBuilder<TBuilder, TRecord>
{
    /// <summary>Gets the id the record gets.</summary>
    /// <value>The default is a new id.</value>
    protected Id<TRecord> RecordId { get; private set; } = Id<TRecord>.New();

    /// <summary>Gets the tenant the record belongs to.</summary>
    /// <value>The default is <see cref="TestData.TenantId"/>.</value>
    protected TenantId TenantId { get; private set; } = TestData.TenantId;

    /// <summary>Gets the record's stored version.</summary>
    /// <value>The default is 0 (not stored yet).</value>
    protected long Version { get; private set; }

    /// <summary>Sets the record's id.</summary>
    /// <param name="id">The id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public TBuilder WithId(Id<TRecord> id)
    {
        if (id.IsEmpty)
        {
            throw new ArgumentException("A record needs a non-empty id.", nameof(id));
        }

        RecordId = id;
        return Self;
    }

    /// <summary>Puts the record in a tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenantId"/> is empty.</exception>
    public TBuilder InTenant(TenantId tenantId)
    {
        if (tenantId.IsEmpty)
        {
            throw new ArgumentException("A record needs a non-empty tenant id.", nameof(tenantId));
        }

        TenantId = tenantId;
        return Self;
    }

    /// <summary>Puts the record in a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>This builder.</returns>
    public TBuilder InTenant(Tenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return InTenant(tenant.Id);
    }

    /// <summary>Sets the record's stored version, as if it had been saved that many times.</summary>
    /// <param name="version">The version; 0 or more.</param>
    /// <returns>This builder.</returns>
    public TBuilder WithVersion(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        Version = version;
        return Self;
    }

    /// <summary>Builds the record.</summary>
    /// <returns>A new record; the builder can build again.</returns>
    public abstract TRecord Build();

    /// <summary>Gets this builder as its concrete type.</summary>
    protected TBuilder Self => (TBuilder)this;
}
