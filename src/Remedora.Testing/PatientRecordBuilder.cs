namespace Remedora.Testing;

/// <summary>The part every builder of patient data shares: the patient the record is about.</summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TRecord">The record built.</typeparam>
public abstract class PatientRecordBuilder<TBuilder, TRecord> : RecordBuilder<TBuilder, TRecord>
    where TBuilder : PatientRecordBuilder<TBuilder, TRecord>
{
    /// <summary>Gets the patient the record is about.</summary>
    /// <value>The default is a new patient id (a patient that was never built).</value>
    protected Id<Patient> PatientId { get; private set; } = Id<Patient>.New();

    /// <summary>Makes the record about a patient, in the patient's tenant.</summary>
    /// <param name="patient">The patient.</param>
    /// <returns>This builder.</returns>
    public TBuilder For(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        InTenant(patient.TenantId);
        return ForPatient(patient.Id);
    }

    /// <summary>Makes the record about a patient, keeping the builder's tenant.</summary>
    /// <param name="patientId">The patient.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="patientId"/> is empty.</exception>
    public TBuilder ForPatient(Id<Patient> patientId)
    {
        if (patientId.IsEmpty)
        {
            throw new ArgumentException("A record of patient data needs a non-empty patient id.", nameof(patientId));
        }

        PatientId = patientId;
        return Self;
    }
}
