namespace Remedora.Intake;

internal static class EmptyElements
{
    public static readonly IReadOnlyDictionary<string, string> Instance = new Dictionary<string, string>(0);
}
