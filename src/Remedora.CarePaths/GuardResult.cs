namespace Remedora.CarePaths;

/// <summary>What a guard decided: the transition may proceed, or it is refused with a reason.</summary>
public readonly struct GuardResult
{
    private GuardResult(GuardRefusal? refusal) => Refusal = refusal;

    /// <summary>Gets the result that lets the transition proceed.</summary>
    public static GuardResult Allow => default;

    /// <summary>Gets a value indicating whether the transition may proceed.</summary>
    public bool IsAllowed => Refusal is null;

    /// <summary>Gets the reason of a refusal.</summary>
    /// <value>The reason; <see langword="null"/> when allowed.</value>
    public GuardRefusal? Refusal { get; }

    /// <summary>Creates a refusal.</summary>
    /// <param name="code">A stable code, for example <c>critical-red-flag</c>.</param>
    /// <param name="message">What stops the transition and what would allow it; identifiers and codes only, never patient data.</param>
    /// <returns>The result.</returns>
    public static GuardResult Refuse(string code, string message) => new(new GuardRefusal(code, message));

    /// <summary>Returns <see cref="Allow"/> when <paramref name="condition"/> holds, otherwise a refusal.</summary>
    /// <param name="condition">Whether the transition may proceed.</param>
    /// <param name="code">The refusal's code.</param>
    /// <param name="message">The refusal's message.</param>
    /// <returns>The result.</returns>
    public static GuardResult When(bool condition, string code, string message) => condition ? Allow : Refuse(code, message);
}
