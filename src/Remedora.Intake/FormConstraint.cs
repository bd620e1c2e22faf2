namespace Remedora.Intake;

/// <summary>
/// A rule the answers must satisfy, as the SDC <c>targetConstraint</c> extension: an expression that must evaluate to
/// <see langword="true"/>, with a message for the patient.
/// </summary>
public sealed record FormConstraint
{
    /// <summary>Gets the key that identifies the constraint within the form; the validation code is <c>constraint:{key}</c>.</summary>
    public required string Key { get; init; }

    /// <summary>Gets whether a failure is an error or a warning.</summary>
    /// <value>The default is <see cref="ConstraintSeverity.Error"/>.</value>
    public ConstraintSeverity Severity { get; init; } = ConstraintSeverity.Error;

    /// <summary>Gets the expression that must be true.</summary>
    public required FormExpression Expression { get; init; }

    /// <summary>Gets the message shown to the patient when the constraint fails.</summary>
    public required string HumanMessage { get; init; }

    /// <summary>Gets where the problem is reported, when not on the item that declares it (a FHIRPath location).</summary>
    public string? Location { get; init; }

    /// <summary>Gets why the constraint exists, for authors.</summary>
    public string? Requirements { get; init; }
}
