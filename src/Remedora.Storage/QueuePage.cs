namespace Remedora.Storage;

/// <summary>A page of queue items.</summary>
/// <param name="Items">The items.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> on the last page.</param>
public sealed record QueuePage(IReadOnlyList<QueueItem> Items, string? ContinuationToken);
