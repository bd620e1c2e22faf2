namespace Remedora.CarePaths;

/// <summary>Why a guard refused a transition.</summary>
/// <param name="Code">A stable code, for example <c>critical-red-flag</c> or <c>consent-required</c>.</param>
/// <param name="Message">What stops the transition and what would allow it, without patient data.</param>
public sealed record GuardRefusal(string Code, string Message);
