using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Remedora.Intake.Diagnostics;
using Remedora.Intake.Expressions;
using Remedora.Intake.Serialization;

namespace Remedora.Intake.Engine;

/// <summary>
/// Loads form definitions (checked and compiled once per URL and version, then cached) and evaluates answers against
/// them. Thread-safe; register one per application.
/// </summary>
public sealed class FormEngine
{
    private readonly Dictionary<string, IExpressionLanguage> _languages;
    private readonly FormEngineOptions _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<FormDefinition, CompiledForm> _byInstance = [];

    /// <summary>Initializes a new instance of the <see cref="FormEngine"/> class with only the C# delegate language.</summary>
    public FormEngine()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FormEngine"/> class.</summary>
    /// <param name="languages">
    /// The expression languages, for example FHIRPath from Remedora.Fhir. When two serve the same media type the later
    /// one is used. The <see cref="ExpressionLanguages.Delegate"/> language is always available.
    /// </param>
    /// <param name="options">The options; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">The logger; messages carry form URLs, versions, codes and counts, never answers.</param>
    public FormEngine(IEnumerable<IExpressionLanguage> languages, FormEngineOptions? options = null, ILogger<FormEngine>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(languages);
        _options = options ?? new FormEngineOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _languages = new Dictionary<string, IExpressionLanguage>(StringComparer.OrdinalIgnoreCase)
        {
            [ExpressionLanguages.Delegate] = new DelegateExpressionLanguage(),
        };
        foreach (var language in languages)
        {
            ArgumentNullException.ThrowIfNull(language);
            ArgumentException.ThrowIfNullOrWhiteSpace(language.Language);
            _languages[language.Language] = language;
        }
    }

    /// <summary>Gets the media types of the expression languages this engine can compile.</summary>
    public IReadOnlyCollection<string> Languages => _languages.Keys;

    /// <summary>
    /// Checks and compiles a definition, or returns the compiled form already cached for its URL and version.
    /// </summary>
    /// <param name="definition">The definition.</param>
    /// <returns>The compiled form; its <see cref="CompiledForm.Warnings"/> list issues that did not stop it from loading.</returns>
    /// <exception cref="FormDefinitionException">The definition has errors (for example an expression in a language no one registered); the exception lists every issue.</exception>
    /// <exception cref="FormVersionConflictException">A different definition with the same URL and version is already loaded.</exception>
    public CompiledForm Compile(FormDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (_byInstance.TryGetValue(definition, out var known))
        {
            return known;
        }

        var key = $"{definition.Url}|{definition.Version}";
        if (_cache.TryGetValue(key, out var entry))
        {
            return Reuse(entry, definition);
        }

        CompiledForm compiled;
        try
        {
            compiled = new FormCompilation(definition, _languages, _options).Compile();
        }
        catch (FormDefinitionException ex)
        {
            IntakeLog.DefinitionRejected(_logger, definition.Url ?? string.Empty, definition.Version ?? string.Empty, ex.Issues.Count(i => i.Severity == FormIssueSeverity.Error));
            throw;
        }

        var added = _cache.GetOrAdd(key, static (_, c) => new CacheEntry(c), compiled);
        if (!ReferenceEquals(added.Compiled, compiled))
        {
            return Reuse(added, definition);
        }

        _byInstance.AddOrUpdate(definition, compiled);
        IntakeLog.DefinitionLoaded(_logger, definition.Url!, definition.Version!, compiled.Nodes.Length, compiled.Warnings.Count);
        return compiled;
    }

    /// <summary>Evaluates answers against a definition (compiled on first use).</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="response">The answers.</param>
    /// <returns>The evaluation; never throws for any set of answers.</returns>
    /// <exception cref="FormDefinitionException">The definition has errors.</exception>
    /// <exception cref="FormVersionConflictException">A different definition with the same URL and version is already loaded.</exception>
    public FormEvaluation Evaluate(FormDefinition definition, FormResponse response) => Compile(definition).Evaluate(response);

    private CompiledForm Reuse(CacheEntry entry, FormDefinition definition)
    {
        if (!ReferenceEquals(entry.Compiled.Definition, definition) && !entry.Fingerprint.AsSpan().SequenceEqual(Fingerprint(definition)))
        {
            throw new FormVersionConflictException(definition.Reference);
        }

        _byInstance.AddOrUpdate(definition, entry.Compiled);
        return entry.Compiled;
    }

    private static byte[] Fingerprint(FormDefinition definition) => SHA256.HashData(FormJson.SerializeToUtf8Bytes(definition));

    private sealed class CacheEntry(CompiledForm compiled)
    {
        private byte[]? _fingerprint;

        public CompiledForm Compiled { get; } = compiled;

        public byte[] Fingerprint => _fingerprint ??= FormEngine.Fingerprint(Compiled.Definition);
    }
}
