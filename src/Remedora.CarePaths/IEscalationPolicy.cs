using Remedora.Clinical;

namespace Remedora.CarePaths;

/// <summary>Decides what an intake submission's red flags do to a case: its priority, and whether it escalates to a live visit.</summary>
public interface IEscalationPolicy
{
    /// <summary>Assesses a submission.</summary>
    /// <param name="facts">The case's facts before the submission.</param>
    /// <param name="submission">The submission.</param>
    /// <returns>The assessment.</returns>
    IntakeAssessment Assess(CaseFacts facts, IntakeSubmitted submission);
}
