namespace Remedora;

/// <summary>A licence to practise in one jurisdiction.</summary>
/// <param name="Jurisdiction">The jurisdiction that issued it.</param>
/// <param name="Number">The licence number.</param>
/// <param name="IssuedOn">The first day it is valid.</param>
/// <param name="ExpiresOn">The last day it is valid.</param>
public sealed record PractitionerLicence(Jurisdiction Jurisdiction, string Number, DateOnly IssuedOn, DateOnly ExpiresOn)
{
    /// <summary>Determines whether the licence is valid on a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> from <see cref="IssuedOn"/> through <see cref="ExpiresOn"/>, inclusive.</returns>
    public bool IsValidOn(DateOnly date) => IssuedOn <= date && date <= ExpiresOn;
}
