namespace Remedora.CarePaths;

/// <summary>A prescription ordered after a decision.</summary>
/// <param name="PrescriptionId">The prescription's id.</param>
/// <param name="IsControlledSubstance">Whether the medication is a controlled substance.</param>
public sealed record PrescriptionOrder(string PrescriptionId, bool IsControlledSubstance);
