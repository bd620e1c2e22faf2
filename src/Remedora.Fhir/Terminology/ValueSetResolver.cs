using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Terminology;

/// <summary>
/// Resolves the external answer value sets of a definition (an <c>answerValueSet</c> that is a canonical URL rather than
/// <c>#id</c> of a contained value set) through a terminology port, as a separate step after import: import stays
/// offline and synchronous, and the network is used only where the caller asks for it. Each value set is expanded once
/// and added to <see cref="FormDefinition.ValueSets"/> with its canonical URL, so the engine offers and checks its
/// concepts (and their scores) as it does for contained ones.
/// </summary>
public static class ValueSetResolver
{
    /// <summary>Resolves the external answer value sets of an imported Questionnaire.</summary>
    /// <param name="imported">The import result.</param>
    /// <param name="expander">The terminology port.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>
    /// The import result with the resolved definition: the <see cref="QuestionnaireImportIssueCodes.ExternalValueSet"/>
    /// warning of each resolved item is gone; an item whose value set is unknown has
    /// <see cref="QuestionnaireImportIssueCodes.ValueSetNotFound"/>, one whose value set cannot be expanded
    /// <see cref="QuestionnaireImportIssueCodes.ValueSetExpansionFailed"/> (warnings: answers are not checked against it).
    /// </returns>
    public static async Task<QuestionnaireImportResult> ResolveAsync(QuestionnaireImportResult imported, IValueSetExpander expander, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imported);
        ArgumentNullException.ThrowIfNull(expander);
        var (definition, resolved, issues) = await ResolveCoreAsync(imported.Definition, expander, cancellationToken).ConfigureAwait(false);
        var kept = imported.Issues
            .Where(i => !(i.Code == QuestionnaireImportIssueCodes.ExternalValueSet && (resolved.Contains(i.Path) || issues.Any(n => n.Path == i.Path))))
            .Concat(issues)
            .ToList();
        return new QuestionnaireImportResult(definition, kept);
    }

    /// <summary>Resolves the external answer value sets of a definition (built in C#, read from storage or imported).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="expander">The terminology port.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The resolved definition and an issue per item whose value set is unknown or cannot be expanded.</returns>
    public static async Task<QuestionnaireImportResult> ResolveAsync(FormDefinition definition, IValueSetExpander expander, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(expander);
        var (resolvedDefinition, _, issues) = await ResolveCoreAsync(definition, expander, cancellationToken).ConfigureAwait(false);
        return new QuestionnaireImportResult(resolvedDefinition, issues);
    }

    private static async Task<(FormDefinition Definition, HashSet<string> Resolved, List<QuestionnaireImportIssue> Issues)> ResolveCoreAsync(
        FormDefinition definition, IValueSetExpander expander, CancellationToken cancellationToken)
    {
        var uses = new List<(string Path, string Canonical)>();
        Collect(definition.Items, string.Empty, uses);
        var existing = definition.ValueSets ?? [];
        var added = new List<FormValueSet>();
        var resolved = new HashSet<string>(StringComparer.Ordinal);
        var issues = new List<QuestionnaireImportIssue>();
        var outcomes = new Dictionary<string, (FormValueSet? ValueSet, TerminologyException? Error)>(StringComparer.Ordinal);
        var ids = existing.Where(v => v is not null).Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, canonical) in uses)
        {
            var (url, version) = ValueSetConcepts.Split(canonical);
            if (existing.Any(v => v is not null && string.Equals(v.Url, url, StringComparison.Ordinal) && (version is null || string.Equals(v.Version, version, StringComparison.Ordinal))))
            {
                continue;
            }

            if (!outcomes.TryGetValue(canonical, out var outcome))
            {
                try
                {
                    var expansion = await expander.ExpandAsync(canonical, cancellationToken).ConfigureAwait(false);
                    outcome = (expansion is null ? null : ToValueSet(expansion, canonical, ids), null);
                }
                catch (TerminologyException ex)
                {
                    outcome = (null, ex);
                }

                outcomes[canonical] = outcome;
                if (outcome.ValueSet is { } valueSet)
                {
                    added.Add(valueSet);
                }
            }

            var at = path + ".answerValueSet";
            if (outcome.ValueSet is not null)
            {
                resolved.Add(at);
            }
            else if (outcome.Error is { } error)
            {
                issues.Add(new QuestionnaireImportIssue(at, QuestionnaireImportIssueCodes.ValueSetExpansionFailed, $"The value set '{canonical}' could not be expanded ({error.Reason}): answers are not checked against it. {error.Message}", ImportIssueSeverity.Warning));
            }
            else
            {
                issues.Add(new QuestionnaireImportIssue(at, QuestionnaireImportIssueCodes.ValueSetNotFound, $"The terminology source does not know the value set '{canonical}': answers are not checked against it. Register the value set with the terminology source, or contain it in the Questionnaire.", ImportIssueSeverity.Warning));
            }
        }

        if (added.Count == 0)
        {
            return (definition, resolved, issues);
        }

        var result = definition with { ValueSets = [.. existing, .. added] };
        if (QuestionnaireSources.Find(definition) is { } source)
        {
            // %questionnaire stays the resource as imported.
            QuestionnaireSources.Remember(result, source);
        }

        return (result, resolved, issues);
    }

    private static FormValueSet ToValueSet(ValueSetExpansion expansion, string canonical, HashSet<string> ids)
    {
        var id = "expanded";
        for (var n = 1; !ids.Add(id); n++)
        {
            id = $"expanded-{n}";
        }

        return new FormValueSet
        {
            Id = id,
            Url = expansion.Url,
            Version = expansion.Version ?? ValueSetConcepts.Split(canonical).Version,
            Title = expansion.Title,
            ConceptSource = ValueSetConceptSource.Expansion,
            Concepts = expansion.Concepts,
        };
    }

    private static void Collect(IReadOnlyList<FormItem>? items, string parentPath, List<(string Path, string Canonical)> into)
    {
        foreach (var item in items ?? [])
        {
            if (item is null)
            {
                continue;
            }

            var path = $"{parentPath}{(parentPath.Length == 0 ? string.Empty : ".")}item[{item.LinkId}]";
            if (item.AnswerValueSet is { Length: > 0 } canonical && !canonical.StartsWith('#'))
            {
                into.Add((path, canonical));
            }

            Collect(item.Items, path, into);
        }
    }
}
