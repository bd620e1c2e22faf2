namespace Remedora.CarePaths;

/// <summary>A trigger that carries an argument of type <typeparamref name="TArgument"/>, for example a review decision.</summary>
/// <typeparam name="TArgument">The argument type.</typeparam>
public sealed class PathTrigger<TArgument> : PathTrigger
    where TArgument : notnull
{
    internal PathTrigger(string name, IEnumerable<ActorRole>? allowedRoles)
        : base(name, typeof(TArgument), allowedRoles)
    {
    }
}
