namespace Remedora.Clinical;

/// <summary>Well-known consent kinds.</summary>
public static class ConsentKinds
{
    /// <summary>Consent to receive care through telehealth.</summary>
    public const string Telehealth = "telehealth";
}
