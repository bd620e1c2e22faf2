namespace Remedora.CarePaths;

/// <summary>A clinician's approval of an asynchronous review or a refill.</summary>
/// <param name="Prescription">The prescription the approval includes, if any.</param>
public sealed record ReviewDecision(PrescriptionRequest? Prescription = null)
{
    /// <summary>Gets a value indicating whether the prescription needs a live visit (a controlled substance, or flagged so).</summary>
    public bool NeedsLiveVisit => Prescription is { } p && (p.IsControlledSubstance || p.RequiresLiveVisit);
}
