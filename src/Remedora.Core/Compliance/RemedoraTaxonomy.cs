using Microsoft.Extensions.Compliance.Classification;

namespace Remedora;

/// <summary>
/// The data classifications Remedora uses. Values classified as <see cref="Phi"/> are protected health information:
/// storage encrypts them and logging redacts them.
/// </summary>
public static class RemedoraTaxonomy
{
    /// <summary>The taxonomy name.</summary>
    public const string TaxonomyName = "Remedora";

    /// <summary>Gets the classification of protected health information (names, birth dates, contact details, clinical content).</summary>
    public static DataClassification Phi { get; } = new(TaxonomyName, "PHI");
}

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
