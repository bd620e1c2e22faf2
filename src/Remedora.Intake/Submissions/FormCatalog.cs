using System.Collections.Concurrent;

namespace Remedora.Intake.Submissions;

/// <summary>The form definitions submissions may answer, by URL and version. Thread-safe.</summary>
public sealed class FormCatalog
{
    private readonly ConcurrentDictionary<string, FormDefinition> _forms = new(StringComparer.Ordinal);

    /// <summary>Adds a definition. Adding the same version again is allowed only with the same content.</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>This catalog.</returns>
    /// <exception cref="Engine.FormVersionConflictException">A different definition with the same URL and version was added.</exception>
    public FormCatalog Add(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var existing = _forms.GetOrAdd(definition.Reference.ToString(), definition);
        if (!ReferenceEquals(existing, definition)
            && !Serialization.FormJson.SerializeToUtf8Bytes(existing).AsSpan().SequenceEqual(Serialization.FormJson.SerializeToUtf8Bytes(definition)))
        {
            throw new Engine.FormVersionConflictException(definition.Reference);
        }

        return this;
    }

    /// <summary>Gets the definitions in the catalog.</summary>
    public IReadOnlyCollection<FormDefinition> Forms => _forms.Values.ToArray();

    /// <summary>Finds a definition.</summary>
    /// <param name="form">The URL and version.</param>
    /// <returns>The definition, or <see langword="null"/>.</returns>
    public FormDefinition? Find(FormVersionReference form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return _forms.GetValueOrDefault(form.ToString());
    }

    /// <summary>Gets a definition.</summary>
    /// <param name="form">The URL and version.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FormNotFoundException">The catalog has no such version.</exception>
    public FormDefinition Get(FormVersionReference form) => Find(form) ?? throw new FormNotFoundException(form);
}
