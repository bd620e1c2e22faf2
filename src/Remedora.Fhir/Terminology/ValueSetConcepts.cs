using Hl7.Fhir.Model;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Terminology;

/// <summary>Reads the concepts of a FHIR ValueSet's expansion, shared by the expanders.</summary>
internal static class ValueSetConcepts
{
    /// <summary>Splits <c>url|version</c>.</summary>
    public static (string Url, string? Version) Split(string canonical)
    {
        var bar = canonical.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (canonical, null) : (canonical[..bar], canonical[(bar + 1)..]);
    }

    /// <summary>The selectable concepts of an expansion's <c>contains</c>, nested entries flattened in order, abstract entries left out.</summary>
    public static void AddContains(IEnumerable<ValueSet.ContainsComponent> contains, List<ValueSetConcept> into)
    {
        foreach (var entry in contains)
        {
            if (entry.Abstract != true && !string.IsNullOrEmpty(entry.Code))
            {
                into.Add(new ValueSetConcept { System = entry.System, Version = entry.Version, Code = entry.Code, Display = entry.Display, Score = SdcScores.Of(entry.Extension) });
            }

            AddContains(entry.Contains, into);
        }
    }

    /// <summary>The number of entries with a code in a <c>contains</c>, nested ones included.</summary>
    public static int CountEntries(IEnumerable<ValueSet.ContainsComponent> contains)
    {
        var count = 0;
        foreach (var entry in contains)
        {
            count += (string.IsNullOrEmpty(entry.Code) ? 0 : 1) + CountEntries(entry.Contains);
        }

        return count;
    }
}
