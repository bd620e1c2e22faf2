using Hl7.Fhir.Model;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Reads the SDC score of an answer option, coding or concept.</summary>
internal static class SdcScores
{
    /// <summary>The first <c>ordinalValue</c> or <c>itemWeight</c> among the extensions, or <see langword="null"/>.</summary>
    /// <param name="extensions">The element's extensions.</param>
    /// <returns>The score.</returns>
    public static decimal? Of(IEnumerable<Extension> extensions)
    {
        foreach (var extension in extensions)
        {
            if (extension.Url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight)
            {
                switch (extension.Value)
                {
                    case FhirDecimal { Value: { } d }:
                        return d;
                    case Integer { Value: { } i }:
                        return i;
                    default:
                        break;
                }
            }
        }

        return null;
    }
}
