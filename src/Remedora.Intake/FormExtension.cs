namespace Remedora.Intake;

/// <summary>
/// Content of the source format that the model does not interpret, kept so it is written back unchanged
/// (for example a FHIR extension the engine does not use, such as a rendering hint).
/// </summary>
/// <param name="Url">The identifying URL of the extension.</param>
/// <param name="Json">The extension's complete JSON text in the source format, including <c>url</c>.</param>
public sealed record FormExtension(string Url, string Json);
