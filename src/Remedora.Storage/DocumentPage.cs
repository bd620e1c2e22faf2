namespace Remedora.Storage;

/// <summary>A page of query results.</summary>
/// <typeparam name="T">The document type.</typeparam>
/// <param name="Items">The documents.</param>
/// <param name="ContinuationToken">The token for the next page; <see langword="null"/> when this is the last page.</param>
public sealed record DocumentPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
