namespace Remedora.Fhir.Questionnaires;

/// <summary>What an exported QuestionnaireResponse says besides the answers.</summary>
public sealed class QuestionnaireResponseExportOptions
{
    /// <summary>Gets or sets the resource id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the status.</summary>
    /// <value>The default is <see cref="ResponseStatus.Completed"/>.</value>
    public ResponseStatus Status { get; set; } = ResponseStatus.Completed;

    /// <summary>Gets or sets the patient the answers are about (<c>subject</c>, written as <c>Patient/{id}</c>).</summary>
    public Id<Patient>? Patient { get; set; }

    /// <summary>Gets or sets when the answers were given (<c>authored</c>).</summary>
    public DateTimeOffset? Authored { get; set; }
}
