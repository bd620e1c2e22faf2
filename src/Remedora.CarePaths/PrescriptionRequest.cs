namespace Remedora.CarePaths;

/// <summary>A prescription a clinician intends to issue.</summary>
/// <param name="MedicationCode">The medication's code (for example an RxNorm code); it is not copied into messages or audit details.</param>
/// <param name="IsControlledSubstance">Whether the medication is a controlled substance, which needs a live visit before prescribing.</param>
/// <param name="RequiresLiveVisit">Whether the prescription needs a live visit for another reason.</param>
public sealed record PrescriptionRequest(string MedicationCode, bool IsControlledSubstance, bool RequiresLiveVisit = false);
