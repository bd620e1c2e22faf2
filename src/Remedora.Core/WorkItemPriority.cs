namespace Remedora;

/// <summary>The priority of a work item, as FHIR <c>Task.priority</c>.</summary>
public enum WorkItemPriority
{
    /// <summary>Routine.</summary>
    Routine = 0,

    /// <summary>Urgent.</summary>
    Urgent = 1,

    /// <summary>As soon as possible.</summary>
    Asap = 2,

    /// <summary>Immediately.</summary>
    Stat = 3,
}
