using Remedora.Intake;

namespace Remedora.Fhir.Population;

/// <summary>The prepopulated response and what could not be populated.</summary>
public sealed class PopulationResult
{
    internal PopulationResult(FormResponse response, IReadOnlyList<PopulationIssue> issues, int populatedItems)
    {
        Response = response;
        Issues = issues;
        PopulatedItems = populatedItems;
    }

    /// <summary>Gets the response: the existing answers unchanged, plus the populated answers of items that had none. Evaluate it with the form engine as any response (calculated items are computed then).</summary>
    public FormResponse Response { get; }

    /// <summary>Gets one issue per item, variable or launch context that could not be populated, in document order.</summary>
    public IReadOnlyList<PopulationIssue> Issues { get; }

    /// <summary>Gets the number of item occurrences that received populated answers.</summary>
    public int PopulatedItems { get; }
}
