namespace Remedora.CarePaths;

/// <summary>A path registered with <c>AddCarePath</c>.</summary>
/// <param name="Definition">The path.</param>
public sealed record CarePathRegistration(CarePathDefinition Definition);
