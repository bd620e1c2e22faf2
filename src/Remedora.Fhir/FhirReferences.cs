using Hl7.Fhir.Model;

namespace Remedora.Fhir;

/// <summary>FHIR references to Remedora.Core records.</summary>
public static class FhirReferences
{
    /// <summary>Gets the FHIR literal reference of a patient: <c>Patient/{id}</c>.</summary>
    /// <param name="patient">The patient's id.</param>
    /// <returns>For example <c>Patient/0190f3c2-...</c>.</returns>
    public static string Patient(Id<Remedora.Patient> patient) => $"Patient/{patient}";

    internal static ResourceReference ToReference(Id<Remedora.Patient> patient) => new(Patient(patient));
}
