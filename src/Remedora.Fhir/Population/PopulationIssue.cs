namespace Remedora.Fhir.Population;

/// <summary>An item (or a variable or launch context) that <see cref="FormPopulator"/> could not populate, and why.</summary>
/// <param name="Path">Where: <c>item[bmi].item[height]</c>, <c>variable[ObsBodyHeight]</c> or <c>launchContext[patient]</c>.</param>
/// <param name="Code">A stable code from <see cref="PopulationIssueCodes"/>.</param>
/// <param name="Message">What happened, naming variables and queries but never values of the patient's data.</param>
public sealed record PopulationIssue(string Path, string Code, string Message);
