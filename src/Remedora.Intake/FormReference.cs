namespace Remedora.Intake;

/// <summary>A reference to another record, as FHIR <c>Reference</c>.</summary>
/// <param name="Reference">The literal reference, for example <c>Practitioner/123</c> or an absolute URL.</param>
/// <param name="Type">The type the reference refers to, for example <c>Practitioner</c>.</param>
/// <param name="Display">Text alternative for the reference.</param>
public sealed record FormReference(string? Reference = null, string? Type = null, string? Display = null);
