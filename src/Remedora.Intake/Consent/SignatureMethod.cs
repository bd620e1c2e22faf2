namespace Remedora.Intake.Consent;

/// <summary>How a consent was signed.</summary>
public enum SignatureMethod
{
    /// <summary>The signer typed their name.</summary>
    TypedName = 0,

    /// <summary>The signer ticked a checkbox.</summary>
    Checkbox = 1,

    /// <summary>The signer drew a signature; the drawing is stored apart and referenced.</summary>
    Drawn = 2,
}
