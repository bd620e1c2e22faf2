namespace Remedora.Intake.Consent;

/// <summary>Who signed a consent, relative to the patient it is for.</summary>
public enum ConsentSignerRole
{
    /// <summary>The patient signed for themselves.</summary>
    Patient = 0,

    /// <summary>A parent or legal guardian signed for the patient.</summary>
    Guardian = 1,

    /// <summary>Another legally authorised representative signed for the patient.</summary>
    LegalRepresentative = 2,
}
