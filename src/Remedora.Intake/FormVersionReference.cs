namespace Remedora.Intake;

/// <summary>Names one version of a form: its canonical URL and its version.</summary>
/// <param name="Url">The canonical URL, for example <c>https://forms.example.org/phq-9</c>.</param>
/// <param name="Version">The version, for example <c>1.2.0</c>.</param>
public sealed record FormVersionReference(string Url, string Version)
{
    /// <summary>Returns the FHIR canonical form <c>url|version</c>.</summary>
    /// <returns>For example <c>https://forms.example.org/phq-9|1.2.0</c>.</returns>
    public override string ToString() => $"{Url}|{Version}";
}
