namespace Remedora.Storage;

/// <summary>
/// One unit of work within one tenant. Reads go to storage at once; writes (documents, audit events, outbox
/// messages and their withdrawals and reschedules, queue items and their withdrawals and reschedules, lease
/// completions) are staged and applied by <see cref="CommitAsync"/> in one transaction: all of them or none.
/// </summary>
/// <remarks>
/// <para>Commit applies the staged writes in three steps, in this order: documents (<see cref="CommitStep.Documents"/>),
/// the hash-chained audit records (<see cref="CommitStep.Audit"/>), then the queue (<see cref="CommitStep.Outbox"/>):
/// first the withdrawals, reschedules, releases and assignments, in staging order, then the new outbox messages and queue items, then the
/// lease completions. After each step the provider calls every registered <see cref="ICommitInterceptor"/> inside the
/// transaction. A withdrawal or reschedule therefore applies to what earlier units of work committed, never to an item
/// or message staged in the same session (so withdrawing a keyed message and publishing its replacement under the same
/// key works in one session).</para>
/// <para>A session is not thread-safe. After a successful commit the session is empty and may stage more work;
/// after a failed commit nothing was written and the session is empty.</para>
/// </remarks>
public interface IStorageSession : IAsyncDisposable
{
    /// <summary>Gets the tenant the session is confined to.</summary>
    TenantId TenantId { get; }

    /// <summary>Reads a document by key.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The document at its stored version, or <see langword="null"/> when the tenant has no such document.</returns>
    Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Queries documents of the session's tenant.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">A token to cancel the query.</param>
    /// <returns>A page of documents.</returns>
    Task<DocumentPage<T>> QueryAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Counts the documents of the session's tenant that match a query's conditions (its order and paging are ignored).</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">A token to cancel the count.</param>
    /// <returns>The number of matching documents.</returns>
    Task<long> CountAsync<T>(DocumentQuery<T> query, CancellationToken cancellationToken = default)
        where T : class;

    /// <summary>Stages the insert of a new document.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="document">The document; its version must be 0.</param>
    /// <returns>The document as it will be stored, at version 1.</returns>
    /// <exception cref="TenantMismatchException">The document belongs to another tenant.</exception>
    /// <remarks>Commit throws <see cref="ConcurrencyConflictException"/> when a document with the same key exists.</remarks>
    T Insert<T>(T document)
        where T : class;

    /// <summary>Stages the update of a document, based on the version it was read at.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="document">The changed document, carrying the version it was read at.</param>
    /// <returns>The document as it will be stored, at the next version.</returns>
    /// <exception cref="TenantMismatchException">The document belongs to another tenant.</exception>
    /// <remarks>Commit throws <see cref="ConcurrencyConflictException"/> when the stored version differs.</remarks>
    T Update<T>(T document)
        where T : class;

    /// <summary>Stages the delete of a document, based on the version it was read at.</summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="document">The document, carrying the version it was read at.</param>
    /// <exception cref="TenantMismatchException">The document belongs to another tenant.</exception>
    /// <remarks>Commit throws <see cref="ConcurrencyConflictException"/> when the stored version differs or the document is gone.</remarks>
    void Delete<T>(T document)
        where T : class;

    /// <summary>Stages an audit event; it is appended to the tenant's hash-chained audit log at commit.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <exception cref="TenantMismatchException">The event belongs to another tenant.</exception>
    void Audit(AuditEvent auditEvent);

    /// <summary>Stages an outbox message; after commit a dispatcher delivers it at least once.</summary>
    /// <param name="message">The message.</param>
    void Publish(OutboxMessage message);

    /// <summary>Stages a new work-queue item.</summary>
    /// <param name="item">The item; it must belong to the session's tenant.</param>
    /// <exception cref="TenantMismatchException">The item belongs to another tenant.</exception>
    void Enqueue(QueueItem item);

    /// <summary>
    /// Stages the completion of a leased queue item, so that finishing the work and recording its result commit
    /// together. Commit throws <see cref="LeaseLostException"/> if the lease is no longer held.
    /// </summary>
    /// <param name="lease">The lease.</param>
    void Complete(Lease lease);

    /// <summary>
    /// Stages the release of a leased queue item back to its queue, so that giving the work back and recording it
    /// commit together. Commit throws <see cref="LeaseLostException"/> if the lease is no longer held.
    /// </summary>
    /// <param name="lease">The lease.</param>
    /// <param name="availableAt">When the item may be claimed again; <see langword="null"/> for the commit time.</param>
    void Release(Lease lease, DateTimeOffset? availableAt = null);

    /// <summary>
    /// Stages the assignment of an unfinished queue item of the session's tenant to one owner (or back to everyone
    /// eligible): at commit a lease held by anyone but the new assignee is revoked and the item is ready again. A
    /// finished, missing or other tenant's item is left as it is.
    /// </summary>
    /// <param name="itemId">The item.</param>
    /// <param name="assignee">The new assignee; <see langword="null"/> to unassign.</param>
    void Assign(Guid itemId, string? assignee);

    /// <summary>
    /// Stages the withdrawal (cancellation) of a queue item of the session's tenant: at commit an unfinished item becomes
    /// <see cref="QueueItemStatus.Cancelled"/> and is never claimed again; a lease on it is lost. An item that is finished
    /// (completed, dead-lettered, cancelled), missing or another tenant's is left as it is.
    /// </summary>
    /// <param name="itemId">The item.</param>
    void Withdraw(Guid itemId);

    /// <summary>
    /// Stages a new schedule for a queue item of the session's tenant: at commit an unfinished item gets the given
    /// available time (when it may be claimed; it matters while the item waits) and due time (its claim order and
    /// overdue counts). A lease on it is kept. A finished, missing or other tenant's item is left as it is.
    /// </summary>
    /// <param name="itemId">The item.</param>
    /// <param name="availableAt">The new available time; <see langword="null"/> to keep it.</param>
    /// <param name="dueAt">The new due time; <see langword="null"/> to keep it.</param>
    /// <exception cref="ArgumentException">Neither time is given.</exception>
    void Reschedule(Guid itemId, DateTimeOffset? availableAt, DateTimeOffset? dueAt);

    /// <summary>
    /// Stages the withdrawal of an outbox message by its <see cref="OutboxMessage.Key"/>: at commit a message of the
    /// tenant with that key that has not yet been handed to its handlers is cancelled and never delivered (a dispatcher
    /// handing it out at that moment loses its lease and delivers nothing). A message already handed to its handlers,
    /// or no message with the key, is left as it is.
    /// </summary>
    /// <param name="key">The message key.</param>
    void WithdrawMessage(string key);

    /// <summary>
    /// Stages a new delivery time for an outbox message by its <see cref="OutboxMessage.Key"/>: at commit a message of
    /// the tenant with that key that has not yet been handed to its handlers is delivered not before
    /// <paramref name="notBefore"/> (once; a dispatcher handing it out at that moment loses its lease and delivers
    /// nothing). A message already handed to its handlers, or no message with the key, is left as it is.
    /// </summary>
    /// <param name="key">The message key.</param>
    /// <param name="notBefore">The new earliest delivery time.</param>
    void RescheduleMessage(string key, DateTimeOffset notBefore);

    /// <summary>Applies every staged write in one transaction.</summary>
    /// <param name="cancellationToken">A token to cancel the commit.</param>
    /// <returns>A task that completes when the transaction has committed.</returns>
    /// <exception cref="ConcurrencyConflictException">A document was changed (or inserted) by someone else; nothing was written.</exception>
    /// <exception cref="LeaseLostException">A staged lease completion no longer holds its lease; nothing was written.</exception>
    /// <exception cref="TimeRangeConflictException">Documents of one group would overlap in time beyond a time-range constraint's capacity; nothing was written.</exception>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
