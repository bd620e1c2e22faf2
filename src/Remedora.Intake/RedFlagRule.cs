using Remedora.Clinical;

namespace Remedora.Intake;

/// <summary>
/// A declarative rule that raises a <see cref="RedFlag"/> when its condition holds: an answer or score that needs a
/// clinician's attention or makes asynchronous care unsafe (for example PHQ-9 item 9 above 0).
/// </summary>
public sealed record RedFlagRule
{
    /// <summary>Gets the stable id of the rule, unique within the form, for example <c>phq9-self-harm</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the condition that raises the flag.</summary>
    public required RuleCondition When { get; init; }

    /// <summary>Gets the severity of the flag.</summary>
    public required RedFlagSeverity Severity { get; init; }

    /// <summary>Gets what the care path should do.</summary>
    public required RedFlagAction Action { get; init; }

    /// <summary>Gets the description shown to clinicians with the flag; it must not contain patient data.</summary>
    public string? Description { get; init; }
}
