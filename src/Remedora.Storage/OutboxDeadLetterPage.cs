namespace Remedora.Storage;

/// <summary>A page of dead-lettered outbox deliveries.</summary>
/// <param name="Items">The dead letters, oldest first.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record OutboxDeadLetterPage(IReadOnlyList<OutboxDeadLetter> Items, string? ContinuationToken);
