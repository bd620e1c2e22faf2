using System.Collections.Concurrent;
using Hl7.Fhir.Model;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Task = System.Threading.Tasks.Task;

namespace Remedora.Fhir.Terminology;

/// <summary>
/// An <see cref="IValueSetExpander"/> over value sets and code systems registered with it, for tests and for
/// applications that ship their terminology. A value set is expanded from its <c>expansion.contains</c> when it has
/// one (nested entries flattened, abstract ones left out), otherwise from <c>compose</c>: included concepts, other
/// registered value sets it includes, whole registered code systems (complete content), minus excluded concepts.
/// Filters, and whole code systems that are not registered, are not expanded: <see cref="TerminologyException"/> with
/// <see cref="TerminologyFailureReasons.NotSupported"/> names the element.
/// </summary>
/// <remarks>Thread-safe. When several versions of a value set are registered, a canonical without version expands the last one registered.</remarks>
public sealed class InMemoryValueSetExpander : IValueSetExpander
{
    private const int MaxIncludeDepth = 16;
    private readonly ConcurrentDictionary<string, ValueSet> _byCanonical = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CodeSystem> _codeSystems = new(StringComparer.Ordinal);

    /// <summary>Registers a value set under its url (and <c>url|version</c> when it has a version).</summary>
    /// <param name="valueSet">The value set; it must have a url. It is copied.</param>
    /// <returns>This expander.</returns>
    /// <exception cref="ArgumentException">The value set has no url.</exception>
    public InMemoryValueSetExpander Add(ValueSet valueSet)
    {
        ArgumentNullException.ThrowIfNull(valueSet);
        if (string.IsNullOrEmpty(valueSet.Url))
        {
            throw new ArgumentException("The value set has no url; register value sets under their canonical url.", nameof(valueSet));
        }

        var copy = (ValueSet)valueSet.DeepCopy();
        _byCanonical[copy.Url!] = copy;
        if (!string.IsNullOrEmpty(copy.Version))
        {
            _byCanonical[$"{copy.Url}|{copy.Version}"] = copy;
        }

        return this;
    }

    /// <summary>Registers a code system, so that value sets including it whole can be expanded.</summary>
    /// <param name="codeSystem">The code system; it must have a url and complete content. It is copied.</param>
    /// <returns>This expander.</returns>
    /// <exception cref="ArgumentException">The code system has no url, or its content is not complete.</exception>
    public InMemoryValueSetExpander Add(CodeSystem codeSystem)
    {
        ArgumentNullException.ThrowIfNull(codeSystem);
        if (string.IsNullOrEmpty(codeSystem.Url))
        {
            throw new ArgumentException("The code system has no url.", nameof(codeSystem));
        }

        if (codeSystem.Content is not CodeSystemContentMode.Complete)
        {
            throw new ArgumentException("Only a code system with complete content lists every concept; register one with content 'complete'.", nameof(codeSystem));
        }

        _codeSystems[codeSystem.Url] = (CodeSystem)codeSystem.DeepCopy();
        return this;
    }

    /// <summary>Registers a value set or code system given as FHIR R4 JSON.</summary>
    /// <param name="json">A ValueSet or CodeSystem resource.</param>
    /// <returns>This expander.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 ValueSet or CodeSystem.</exception>
    /// <exception cref="ArgumentException">The resource has no url (or a code system's content is not complete).</exception>
    public InMemoryValueSetExpander AddJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FhirFormats.ParseJson<Resource>(json) switch
        {
            ValueSet valueSet => Add(valueSet),
            CodeSystem codeSystem => Add(codeSystem),
            var other => throw new FhirFormatException($"A {other.TypeName} was given where a ValueSet or CodeSystem was expected."),
        };
    }

    /// <inheritdoc/>
    public Task<ValueSetExpansion?> ExpandAsync(string canonical, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(canonical);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_byCanonical.TryGetValue(canonical, out var valueSet))
        {
            return Task.FromResult<ValueSetExpansion?>(null);
        }

        var concepts = Expand(canonical, valueSet, 0);
        return Task.FromResult<ValueSetExpansion?>(new ValueSetExpansion { Url = valueSet.Url!, Version = valueSet.Version, Title = valueSet.Title ?? valueSet.Name, Concepts = concepts });
    }

    private List<ValueSetConcept> Expand(string canonical, ValueSet valueSet, int depth)
    {
        var concepts = new List<ValueSetConcept>();
        if (valueSet.Expansion is { } expansion && expansion.Contains.Count > 0)
        {
            ValueSetConcepts.AddContains(expansion.Contains, concepts);
            return concepts;
        }

        if (valueSet.Compose is not { } compose)
        {
            throw NotSupported(canonical, "ValueSet", "it has neither an expansion nor a compose");
        }

        for (var i = 0; i < compose.Include.Count; i++)
        {
            Include(canonical, compose.Include[i], $"ValueSet.compose.include[{i}]", depth, concepts);
        }

        var excluded = new List<ValueSetConcept>();
        for (var i = 0; i < compose.Exclude.Count; i++)
        {
            Include(canonical, compose.Exclude[i], $"ValueSet.compose.exclude[{i}]", depth, excluded);
        }

        if (excluded.Count > 0)
        {
            var keys = excluded.Select(c => (c.System, c.Code)).ToHashSet();
            concepts.RemoveAll(c => keys.Contains((c.System, c.Code)));
        }

        // A concept included twice (by two includes) is one concept.
        var seen = new HashSet<(string?, string)>();
        concepts.RemoveAll(c => !seen.Add((c.System, c.Code)));
        return concepts;
    }

    private void Include(string canonical, ValueSet.ConceptSetComponent include, string path, int depth, List<ValueSetConcept> into)
    {
        if (include.Filter.Count > 0)
        {
            throw NotSupported(canonical, $"{path}.filter", "filters need a terminology server");
        }

        if (include.ValueSet.Any() && !string.IsNullOrEmpty(include.System))
        {
            throw NotSupported(canonical, path, "an include that intersects a code system with value sets is not expanded");
        }

        if (include.Concept.Count > 0)
        {
            foreach (var concept in include.Concept)
            {
                into.Add(new ValueSetConcept { System = include.System, Version = include.Version, Code = concept.Code ?? string.Empty, Display = concept.Display, Score = SdcScores.Of(concept.Extension) });
            }

            return;
        }

        if (!string.IsNullOrEmpty(include.System))
        {
            if (!_codeSystems.TryGetValue(include.System, out var codeSystem))
            {
                throw NotSupported(canonical, $"{path}.system", $"the whole code system '{include.System}' is included and is not registered");
            }

            AddCodeSystemConcepts(codeSystem.Concept, include.System, include.Version ?? codeSystem.Version, into);
            return;
        }

        foreach (var reference in include.ValueSet.OfType<string>())
        {
            if (depth >= MaxIncludeDepth)
            {
                throw NotSupported(canonical, $"{path}.valueSet", $"value sets include each other more than {MaxIncludeDepth} levels deep");
            }

            if (!_byCanonical.TryGetValue(reference, out var included))
            {
                throw NotSupported(canonical, $"{path}.valueSet", $"the included value set '{reference}' is not registered");
            }

            into.AddRange(Expand(reference, included, depth + 1));
        }
    }

    private static void AddCodeSystemConcepts(IEnumerable<CodeSystem.ConceptDefinitionComponent> concepts, string system, string? version, List<ValueSetConcept> into)
    {
        foreach (var concept in concepts)
        {
            into.Add(new ValueSetConcept { System = system, Version = version, Code = concept.Code ?? string.Empty, Display = concept.Display, Score = SdcScores.Of(concept.Extension) });
            AddCodeSystemConcepts(concept.Concept, system, version, into);
        }
    }

    private static TerminologyException NotSupported(string canonical, string path, string what)
        => new(canonical, TerminologyFailureReasons.NotSupported, $"The value set '{canonical}' cannot be expanded in memory at {path}: {what}. Register an expansion of it (expansion.contains), or use a terminology server.");
}
