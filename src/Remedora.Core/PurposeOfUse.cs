using System.Text.Json.Serialization;

namespace Remedora;

/// <summary>
/// Why an actor is acting, as an HL7 v3 PurposeOfUse code (for example <c>TREAT</c> or <c>HOPERAT</c>).
/// </summary>
/// <remarks>The code is recorded in every audit record and maps to FHIR <c>AuditEvent.purposeOfUse</c>.</remarks>
[JsonConverter(typeof(PurposeOfUseJsonConverter))]
public readonly record struct PurposeOfUse
{
    /// <summary>The code system of the codes: HL7 v3 ActReason.</summary>
    public const string CodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>Initializes a new instance of the <see cref="PurposeOfUse"/> struct.</summary>
    /// <param name="code">The HL7 v3 PurposeOfUse code: 1 to 32 letters, digits, '-' or '_'.</param>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty or not such a code.</exception>
    public PurposeOfUse(string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (code.Length > 32 || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException("A purpose of use is an HL7 v3 PurposeOfUse code such as 'TREAT': 1 to 32 letters, digits, '-' or '_'.", nameof(code));
        }

        Code = code;
    }

    /// <summary>Gets the HL7 v3 code.</summary>
    public string Code { get; }

    /// <summary>Gets treatment (<c>TREAT</c>).</summary>
    public static PurposeOfUse Treatment { get; } = new("TREAT");

    /// <summary>Gets emergency treatment (<c>ETREAT</c>), the purpose of break-glass access.</summary>
    public static PurposeOfUse EmergencyTreatment { get; } = new("ETREAT");

    /// <summary>Gets healthcare payment (<c>HPAYMT</c>).</summary>
    public static PurposeOfUse Payment { get; } = new("HPAYMT");

    /// <summary>Gets healthcare operations (<c>HOPERAT</c>).</summary>
    public static PurposeOfUse Operations { get; } = new("HOPERAT");

    /// <summary>Gets a request by the patient (<c>PATRQT</c>).</summary>
    public static PurposeOfUse PatientRequest { get; } = new("PATRQT");

    /// <summary>Gets public health (<c>PUBHLTH</c>).</summary>
    public static PurposeOfUse PublicHealth { get; } = new("PUBHLTH");

    /// <summary>Gets legal (<c>HLEGAL</c>).</summary>
    public static PurposeOfUse Legal { get; } = new("HLEGAL");

    /// <summary>Gets healthcare research (<c>HRESCH</c>).</summary>
    public static PurposeOfUse Research { get; } = new("HRESCH");

    /// <summary>Gets system administration (<c>HSYSADMIN</c>).</summary>
    public static PurposeOfUse SystemAdministration { get; } = new("HSYSADMIN");

    /// <summary>Returns the code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code ?? string.Empty;
}
