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
