namespace Remedora.CarePaths;

/// <summary>What a case in a state waits on: the declaration every non-final state of a path must make.</summary>
public enum StateWaitKind
{
    /// <summary>Nothing: the state is final, or a parent that cases never rest in (it continues into a substate).</summary>
    None = 0,

    /// <summary>A person of a role: entering the state creates a work item in the review queue, leaving it completes or cancels it.</summary>
    Work = 1,

    /// <summary>The patient (an answer, a check-in, a request to complete); no work item is created.</summary>
    Patient = 2,

    /// <summary>The system or an outside party that reports back (an eRx gateway, a pharmacy); no work item is created.</summary>
    System = 3,
}
