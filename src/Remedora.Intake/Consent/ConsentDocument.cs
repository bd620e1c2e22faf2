using System.Security.Cryptography;
using System.Text;

namespace Remedora.Intake.Consent;

/// <summary>
/// One version of a consent document (for example the practice's telehealth consent): its text and the hash of the
/// text, so a signature names exactly what was shown. A published version never changes; a new text is a new version.
/// </summary>
public sealed record ConsentDocument
{
    /// <summary>The resource type recorded in audit events.</summary>
    public const string ResourceType = "ConsentDocument";

    /// <summary>Gets the id of this version.</summary>
    public required Id<ConsentDocument> Id { get; init; }

    /// <summary>Gets the tenant.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>Gets the kind of consent, for example <see cref="Clinical.ConsentKinds.Telehealth"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Gets the version label, for example <c>2024-05</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Gets the title.</summary>
    public required string Title { get; init; }

    /// <summary>Gets the text shown to the signer (markdown).</summary>
    public required string Text { get; init; }

    /// <summary>Gets the SHA-256 hash of the UTF-8 text, lower-case hex.</summary>
    public required string TextHash { get; init; }

    /// <summary>Gets the jurisdictions the document applies to; empty applies everywhere.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; init; } = [];

    /// <summary>Gets when the version takes effect; consents to older versions of the kind stop counting then.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>Gets when the version was published.</summary>
    public DateTimeOffset PublishedAt { get; init; }

    /// <summary>Gets the stored version (optimistic concurrency).</summary>
    public long StoredVersion { get; init; }

    /// <summary>Computes the hash of a consent text: SHA-256 of its UTF-8 bytes, lower-case hex.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The hash.</returns>
    public static string HashText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Determines whether the document applies in a jurisdiction (a country-wide document applies in its subdivisions).</summary>
    /// <param name="jurisdiction">The jurisdiction.</param>
    /// <returns><see langword="true"/> when it applies.</returns>
    public bool AppliesIn(Jurisdiction jurisdiction)
        => Jurisdictions.Count == 0 || Jurisdictions.Any(j => j == jurisdiction || (j.Code.Length == 2 && j.Country == jurisdiction.Country));

    /// <summary>Returns the kind and version only.</summary>
    /// <returns>For example <c>ConsentDocument telehealth 2024-05</c>.</returns>
    public override string ToString() => $"ConsentDocument {Kind} {Version}";
}
