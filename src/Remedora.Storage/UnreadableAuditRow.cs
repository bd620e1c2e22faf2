namespace Remedora.Storage;

/// <summary>
/// A stored audit row that cannot be read back as an <see cref="AuditRecord"/>: which column is wrong and why. It holds
/// the row's position and a reason code, never the stored values, so it can be logged and reported.
/// </summary>
/// <param name="Sequence">The row's sequence number, when that column could be read; otherwise <see langword="null"/>.</param>
/// <param name="Column">The name of the first column that cannot be read (the storage column name, for example <c>outcome</c>).</param>
/// <param name="Problem">Why it cannot be read.</param>
public sealed record UnreadableAuditRow(long? Sequence, string Column, AuditRowProblem Problem)
{
    /// <summary>Gets the reason code, <c>column:problem</c> (for example <c>outcome:UnknownName</c>).</summary>
    public string Code => $"{Column}:{Problem}";
}
