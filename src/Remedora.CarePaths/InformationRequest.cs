namespace Remedora.CarePaths;

/// <summary>What a clinician asks the patient for.</summary>
/// <param name="TopicCode">A PHI-free code of the topic, for example <c>photo-of-affected-area</c>.</param>
public sealed record InformationRequest(string TopicCode);
