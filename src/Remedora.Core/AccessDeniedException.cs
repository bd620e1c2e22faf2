namespace Remedora;

/// <summary>The actor may know the record exists but may not perform this action on it (for example a patient deleting a record).</summary>
public sealed class AccessDeniedException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="AccessDeniedException"/> class.</summary>
    /// <param name="resourceType">The kind of record.</param>
    /// <param name="action">The action that was refused.</param>
    /// <param name="role">The actor's role.</param>
    public AccessDeniedException(string resourceType, string action, ActorRole role)
        : base(RemedoraErrorCodes.AccessDenied, RemedoraErrorCategory.Forbidden, $"A {role} may not {action} a {resourceType}. Act in a role that is allowed to, or state a purpose of use that permits it.")
    {
        ResourceType = resourceType;
        Action = action;
        Role = role;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the action that was refused.</summary>
    public string Action { get; }

    /// <summary>Gets the actor's role.</summary>
    public ActorRole Role { get; }
}
