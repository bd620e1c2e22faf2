namespace Remedora.Intake.Consent;

/// <summary>Whether a consent is in force.</summary>
public enum ConsentStatus
{
    /// <summary>In force.</summary>
    Active = 0,

    /// <summary>Withdrawn by the patient or their representative.</summary>
    Revoked = 1,
}
