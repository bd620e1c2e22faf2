namespace Remedora.Storage;

/// <summary>Typed conveniences over <see cref="IStorageSession"/>.</summary>
public static class StorageSessionExtensions
{
    /// <summary>Stages an outbox message to be delivered not before a time.</summary>
    /// <param name="session">The session.</param>
    /// <param name="message">The message.</param>
    /// <param name="notBefore">The earliest delivery time.</param>
    public static void Publish(this IStorageSession session, OutboxMessage message, DateTimeOffset notBefore)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(message);
        session.Publish(message with { NotBefore = notBefore });
    }

    /// <summary>Reads a document by its strongly typed id.</summary>
    /// <typeparam name="T">The document type, keyed by <see cref="Id{T}"/>.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The document, or <see langword="null"/>.</returns>
    public static Task<T?> FindAsync<T>(this IStorageSession session, Id<T> id, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.FindAsync<T>(id.ToString(), cancellationToken);
    }

    /// <summary>Reads a document by key, or throws when it does not exist.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="session">The session.</param>
    /// <param name="key">The key.</param>
    /// <param name="resourceType">The resource type named in the error.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The document.</returns>
    /// <exception cref="RecordNotFoundException">The tenant has no such document.</exception>
    public static async Task<T> GetAsync<T>(this IStorageSession session, string key, string resourceType, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(session);
        return await session.FindAsync<T>(key, cancellationToken).ConfigureAwait(false)
            ?? throw new RecordNotFoundException(resourceType, key);
    }
}
