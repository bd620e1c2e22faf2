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
