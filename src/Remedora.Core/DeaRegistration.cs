namespace Remedora;

/// <summary>A US Drug Enforcement Administration registration.</summary>
/// <param name="Number">The registration number.</param>
/// <param name="ExpiresOn">The last day it is valid.</param>
public sealed record DeaRegistration(string Number, DateOnly ExpiresOn)
{
    /// <summary>Determines whether the registration is valid on a date.</summary>
    /// <param name="date">The date.</param>
    /// <returns><see langword="true"/> through <see cref="ExpiresOn"/>, inclusive.</returns>
    public bool IsValidOn(DateOnly date) => date <= ExpiresOn;
}
