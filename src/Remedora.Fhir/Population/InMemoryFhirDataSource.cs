using System.Collections.Concurrent;
using System.Globalization;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Remedora.Fhir.Population;

/// <summary>
/// An <see cref="IFhirDataSource"/> over resources held in memory, for tests and prototypes. Searches support the
/// parameters prepopulation queries use: <c>_id</c>, <c>patient</c>/<c>subject</c> (a reference or an id),
/// <c>code</c> (<c>code</c> or <c>system|code</c>, comma-separated alternatives), <c>status</c>,
/// <c>clinical-status</c>, <c>_count</c> and <c>_sort</c> (<c>date</c>/<c>-date</c>: an Observation's effective time,
/// a Condition's recorded or onset date, else <c>meta.lastUpdated</c>). Any other parameter is refused with
/// <see cref="NotSupportedException"/>, never ignored.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public sealed class InMemoryFhirDataSource : IFhirDataSource
{
    private readonly ConcurrentDictionary<(string Type, string Id), Resource> _resources = new();

    /// <summary>Adds or replaces a resource (by type and id).</summary>
    /// <param name="resource">The resource; it must have an id. It is copied.</param>
    /// <returns>This data source.</returns>
    /// <exception cref="ArgumentException">The resource has no id.</exception>
    public InMemoryFhirDataSource Add(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        if (string.IsNullOrEmpty(resource.Id))
        {
            throw new ArgumentException("The resource has no id.", nameof(resource));
        }

        _resources[(resource.TypeName, resource.Id)] = (Resource)resource.DeepCopy();
        return this;
    }

    /// <summary>Adds a resource given as FHIR R4 JSON.</summary>
    /// <param name="json">The resource.</param>
    /// <returns>This data source.</returns>
    /// <exception cref="FhirFormatException">The text is not a FHIR R4 resource.</exception>
    public InMemoryFhirDataSource AddJson(string json) => Add(FhirFormats.ParseJson<Resource>(json));

    /// <inheritdoc/>
    public Task<Resource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceType);
        ArgumentException.ThrowIfNullOrEmpty(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_resources.TryGetValue((resourceType, id), out var found) ? (Resource?)found.DeepCopy() : null);
    }

    /// <inheritdoc/>
    /// <exception cref="NotSupportedException">The query uses a parameter this data source does not support.</exception>
    public Task<Bundle> SearchAsync(string query, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(query);
        cancellationToken.ThrowIfCancellationRequested();
        var question = query.IndexOf('?', StringComparison.Ordinal);
        var type = question < 0 ? query : query[..question];
        var parameters = question < 0 ? [] : query[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Uri.UnescapeDataString(p[0]), Value: p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty))
            .ToList();
        IEnumerable<Resource> matches = _resources.Where(r => r.Key.Type == type).Select(r => r.Value).OrderBy(r => r.Id, StringComparer.Ordinal);
        int? count = null;
        string? sort = null;
        foreach (var (name, value) in parameters)
        {
            switch (name)
            {
                case "_id":
                    matches = matches.Where(r => value.Split(',').Contains(r.Id));
                    break;
                case "patient" or "subject":
                    var id = value.Contains('/', StringComparison.Ordinal) ? value : $"Patient/{value}";
                    matches = matches.Where(r => r.Select("subject.reference | patient.reference").OfType<FhirString>().Any(s => s.Value == id));
                    break;
                case "code":
                    var alternatives = value.Split(',').Select(v => v.Split('|', 2)).ToList();
                    matches = matches.Where(r => r.Select("code.coding").OfType<Coding>().Any(c => alternatives.Any(a => a.Length == 1 ? c.Code == a[0] : c.System == a[0] && c.Code == a[1])));
                    break;
                case "status":
                    matches = matches.Where(r => r.Select("status").OfType<PrimitiveType>().Any(s => value.Split(',').Contains(s.ToString())));
                    break;
                case "clinical-status":
                    matches = matches.Where(r => r.Select("clinicalStatus.coding.code").OfType<PrimitiveType>().Any(s => value.Split(',').Contains(s.ToString())));
                    break;
                case "_count":
                    count = int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "_sort":
                    sort = value;
                    break;
                default:
                    throw new NotSupportedException($"The in-memory data source does not support the search parameter '{name}'.");
            }
        }

        if (sort is not null)
        {
            var descending = sort.StartsWith('-');
            if (sort.TrimStart('-') is not ("date" or "_lastUpdated"))
            {
                throw new NotSupportedException($"The in-memory data source cannot sort by '{sort}'.");
            }

            matches = descending ? matches.OrderByDescending(When, StringComparer.Ordinal) : matches.OrderBy(When, StringComparer.Ordinal);
        }

        var list = matches.Take(count ?? int.MaxValue).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = list.Count };
        foreach (var resource in list)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"{resource.TypeName}/{resource.Id}", Resource = (Resource)resource.DeepCopy(), Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
        }

        return Task.FromResult(bundle);
    }

    // ISO 8601 text sorts in time order for values of the same precision and zone, which is what tests hold.
    private static string When(Resource resource)
        => resource.Select("(effective as dateTime) | (effective as Period).start | (effective as instant) | recordedDate | (onset as dateTime) | meta.lastUpdated").OfType<PrimitiveType>().FirstOrDefault()?.ToString() ?? string.Empty;
}
