namespace Remedora.CarePaths;

/// <summary>The default <see cref="ICarePathRegistry"/>: a fixed set of paths with unique names.</summary>
public sealed class CarePathRegistry : ICarePathRegistry
{
    private readonly Dictionary<string, CarePathDefinition> _paths = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="CarePathRegistry"/> class.</summary>
    /// <param name="paths">The paths.</param>
    /// <exception cref="InvalidOperationException">Two different paths have the same name.</exception>
    public CarePathRegistry(IEnumerable<CarePathDefinition> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (_paths.TryGetValue(path.Name, out var existing) && !ReferenceEquals(existing, path))
            {
                throw new InvalidOperationException($"Two care paths are registered with the name '{path.Name}'. Cases store the path's name, so names must be unique: give the extension its own name.");
            }

            _paths[path.Name] = path;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyCollection<CarePathDefinition> Paths => _paths.Values;

    /// <inheritdoc/>
    public CarePathDefinition Get(string name)
        => name is not null && _paths.TryGetValue(name, out var path) ? path : throw new CarePathNotFoundException(name ?? "(null)");
}
