namespace Remedora.Storage;

/// <summary>Typed conveniences over <see cref="IRecords{T}"/>.</summary>
public static class RecordsExtensions
{
    /// <summary>Reads a record by its strongly typed id.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <param name="actor">Who reads.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The record.</returns>
    /// <exception cref="RecordNotFoundException">No such record, or out of scope.</exception>
    public static Task<T> GetAsync<T>(this IRecords<T> records, ActorContext actor, Id<T> id, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.GetAsync(actor, id.ToString(), cancellationToken);
    }
}
