namespace Remedora.CarePaths;

/// <summary>The care paths an application knows, by name.</summary>
public interface ICarePathRegistry
{
    /// <summary>Gets the paths.</summary>
    IReadOnlyCollection<CarePathDefinition> Paths { get; }

    /// <summary>Gets a path by name.</summary>
    /// <param name="name">The path's name.</param>
    /// <returns>The path.</returns>
    /// <exception cref="CarePathNotFoundException">No path of that name is registered.</exception>
    CarePathDefinition Get(string name);
}

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

/// <summary>A path registered with <c>AddCarePath</c>.</summary>
/// <param name="Definition">The path.</param>
public sealed record CarePathRegistration(CarePathDefinition Definition);
