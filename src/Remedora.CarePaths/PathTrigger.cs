using System.Text.RegularExpressions;

namespace Remedora.CarePaths;

/// <summary>
/// Something that moves a care case along its path, for example <c>approve</c> or <c>escalate</c>. A trigger may
/// carry one typed argument (see <see cref="PathTrigger{TArgument}"/>) and may be restricted to some actor roles.
/// </summary>
/// <remarks>
/// Triggers are immutable and independent of any path: the same trigger object is used by every path that permits
/// it. Names are 1 to 63 characters <c>a-z</c>, <c>0-9</c> and <c>-</c>, starting with a letter.
/// </remarks>
public partial class PathTrigger : IEquatable<PathTrigger>
{
    private readonly ActorRole[] _allowedRoles;

    private protected PathTrigger(string name, Type? argumentType, IEnumerable<ActorRole>? allowedRoles)
    {
        ValidateName(name, nameof(name));
        Name = name;
        ArgumentType = argumentType;
        _allowedRoles = allowedRoles?.Distinct().ToArray() ?? [];
    }

    /// <summary>Gets the trigger's name, for example <c>approve</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the type of the trigger's argument.</summary>
    /// <value>The type; <see langword="null"/> when the trigger carries no argument.</value>
    public Type? ArgumentType { get; }

    /// <summary>Gets the roles that may fire the trigger; empty when every role the access policy admits may.</summary>
    /// <remarks>The application itself (<see cref="ActorRole.System"/>) may always fire a trigger.</remarks>
    public IReadOnlyList<ActorRole> AllowedRoles => _allowedRoles;

    /// <summary>Creates a trigger without an argument.</summary>
    /// <param name="name">The name: 1 to 63 characters a-z, 0-9 and '-', starting with a letter.</param>
    /// <param name="allowedRoles">The roles that may fire it; none for every role.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static PathTrigger Create(string name, params ActorRole[] allowedRoles) => new(name, null, allowedRoles);

    /// <summary>Creates a trigger that carries an argument of type <typeparamref name="TArgument"/>.</summary>
    /// <typeparam name="TArgument">The argument type.</typeparam>
    /// <param name="name">The name: 1 to 63 characters a-z, 0-9 and '-', starting with a letter.</param>
    /// <param name="allowedRoles">The roles that may fire it; none for every role.</param>
    /// <returns>The trigger.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public static PathTrigger<TArgument> Create<TArgument>(string name, params ActorRole[] allowedRoles)
        where TArgument : notnull
        => new(name, allowedRoles);

    /// <summary>Determines whether an actor in <paramref name="role"/> may fire the trigger.</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> for <see cref="ActorRole.System"/>, when no roles are listed, or when the role is listed.</returns>
    public bool IsAllowedFor(ActorRole role)
        => role == ActorRole.System || _allowedRoles.Length == 0 || Array.IndexOf(_allowedRoles, role) >= 0;

    /// <inheritdoc/>
    public bool Equals(PathTrigger? other)
        => other is not null && string.Equals(Name, other.Name, StringComparison.Ordinal) && ArgumentType == other.ArgumentType;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PathTrigger);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    /// <summary>Returns the trigger's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    internal static void ValidateName(string name, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, parameterName);
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid name: use 1 to 63 characters a-z, 0-9 and '-', starting with a letter (for example 'awaiting-review').", parameterName);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
