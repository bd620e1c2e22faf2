namespace Remedora.Intake.Engine;

/// <summary>Whether a problem of a form definition stops it from loading.</summary>
public enum FormIssueSeverity
{
    /// <summary>The definition cannot be loaded.</summary>
    Error = 0,

    /// <summary>The definition loads; the issue is reported in <see cref="CompiledForm.Warnings"/>.</summary>
    Warning = 1,
}
