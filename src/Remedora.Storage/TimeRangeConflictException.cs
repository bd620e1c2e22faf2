namespace Remedora.Storage;

/// <summary>
/// A commit was refused because a document would hold time that a <see cref="TimeRangeConstraint"/> has no room
/// for: more than <see cref="Capacity"/> documents of one group would cover the same instant. Nothing of the unit of
/// work was written. The message names the collection and the constraint, never a value of a document.
/// </summary>
public sealed class TimeRangeConflictException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="TimeRangeConflictException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>Appointment</c>.</param>
    /// <param name="collection">The collection, for example <c>scheduling.bookings</c>.</param>
    /// <param name="constraint">The constraint's name, for example <c>practitioner-time</c>.</param>
    /// <param name="capacity">How many documents of one group the constraint lets cover an instant.</param>
    public TimeRangeConflictException(string resourceType, string collection, string constraint, int capacity)
        : base(StorageErrorCodes.TimeRangeConflict, RemedoraErrorCategory.Conflict, BuildMessage(resourceType, collection, constraint, capacity))
    {
        ResourceType = resourceType;
        Collection = collection;
        Constraint = constraint;
        Capacity = capacity;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the collection name.</summary>
    public string Collection { get; }

    /// <summary>Gets the name of the constraint that refused the commit.</summary>
    public string Constraint { get; }

    /// <summary>Gets how many documents of one group the constraint lets cover an instant.</summary>
    public int Capacity { get; }

    private static string BuildMessage(string resourceType, string collection, string constraint, int capacity)
        => capacity == 1
            ? $"A {resourceType} of collection '{collection}' overlaps the time of another in its group, which constraint '{constraint}' does not allow; nothing of the unit of work was written. Choose a time that is free, or free the other first."
            : $"A {resourceType} of collection '{collection}' would make more than {capacity} documents of its group cover the same time, which constraint '{constraint}' does not allow; nothing of the unit of work was written. Choose a time that has room, or free one first.";
}
