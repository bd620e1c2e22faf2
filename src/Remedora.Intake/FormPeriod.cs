namespace Remedora.Intake;

/// <summary>A time range with inclusive bounds, either of which may be open.</summary>
/// <param name="Start">The start.</param>
/// <param name="End">The end.</param>
public sealed record FormPeriod(FormDateTime? Start = null, FormDateTime? End = null);
