namespace Remedora.CarePaths;

/// <summary>Sets (or, with a <see langword="null"/> value, removes) a custom value in the case's facts.</summary>
/// <param name="Key">The key.</param>
/// <param name="Value">The value: an identifier or code, never patient details.</param>
public sealed record SetValue(string Key, string? Value) : PathEffect;
