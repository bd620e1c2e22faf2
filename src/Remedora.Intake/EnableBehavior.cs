namespace Remedora.Intake;

/// <summary>How several enable conditions of one item combine, as FHIR <c>enableBehavior</c>.</summary>
public enum EnableBehavior
{
    /// <summary>The item is enabled when every condition is true.</summary>
    All = 0,

    /// <summary>The item is enabled when any condition is true.</summary>
    Any = 1,
}
