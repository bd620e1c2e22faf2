namespace Remedora;

/// <summary>A record of one tenant was given to an operation working in another tenant.</summary>
public sealed class TenantMismatchException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="TenantMismatchException"/> class.</summary>
    /// <param name="resourceType">The kind of record.</param>
    /// <param name="expected">The tenant of the operation.</param>
    /// <param name="actual">The tenant of the record.</param>
    public TenantMismatchException(string resourceType, TenantId expected, TenantId actual)
        : base(RemedoraErrorCodes.TenantMismatch, RemedoraErrorCategory.Forbidden, $"A {resourceType} of tenant '{actual}' cannot be written in tenant '{expected}'. Open the operation in the record's own tenant.")
    {
        ResourceType = resourceType;
        ExpectedTenant = expected;
        ActualTenant = actual;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the tenant of the operation.</summary>
    public TenantId ExpectedTenant { get; }

    /// <summary>Gets the tenant of the record.</summary>
    public TenantId ActualTenant { get; }
}
