namespace Remedora.Intake;

/// <summary>Whether a failed <see cref="FormConstraint"/> is an error or a warning.</summary>
public enum ConstraintSeverity
{
    /// <summary>The answers are invalid.</summary>
    Error = 0,

    /// <summary>The answers are valid, but the patient should check them.</summary>
    Warning = 1,
}
