namespace Remedora.Testing;

/// <summary>The part builders of records that belong to a care case share: the case, its patient and its tenant.</summary>
/// <typeparam name="TBuilder">The concrete builder.</typeparam>
/// <typeparam name="TRecord">The record built.</typeparam>
public abstract class CaseRecordBuilder<TBuilder, TRecord> : PatientRecordBuilder<TBuilder, TRecord>
    where TBuilder : CaseRecordBuilder<TBuilder, TRecord>
{
    /// <summary>Gets the case the record belongs to.</summary>
    /// <value>The default is <see langword="null"/> (no case).</value>
    protected Id<CareCase>? CaseId { get; private set; }

    /// <summary>Puts the record in a case, about the case's patient and in the case's tenant.</summary>
    /// <param name="careCase">The case.</param>
    /// <returns>This builder.</returns>
    public TBuilder In(CareCase careCase)
    {
        ArgumentNullException.ThrowIfNull(careCase);
        InTenant(careCase.TenantId);
        ForPatient(careCase.PatientId);
        CaseId = careCase.Id;
        return Self;
    }
}
