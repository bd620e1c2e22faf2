using Microsoft.Extensions.Compliance.Classification;

namespace Remedora;

/// <summary>
/// Marks a property, field or parameter as protected health information (<see cref="RemedoraTaxonomy.Phi"/>).
/// </summary>
/// <remarks>
/// Storage providers encrypt marked values at rest; the SDK's logging passes marked values through redaction, and
/// exception messages never include them.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false)]
public sealed class PhiAttribute : DataClassificationAttribute
{
    /// <summary>Initializes a new instance of the <see cref="PhiAttribute"/> class.</summary>
    public PhiAttribute()
        : base(RemedoraTaxonomy.Phi)
    {
    }
}
