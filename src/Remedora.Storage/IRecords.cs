namespace Remedora.Storage;

/// <summary>
/// Reads and writes records of one kind on behalf of an actor: every call is checked against the access policy and
/// audited in the same unit of work as its change. Works for every registered document collection, including
/// those packages contribute. Resolve <c>IRecords&lt;Patient&gt;</c>, <c>IRecords&lt;CareCase&gt;</c>, and so on.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
/// <remarks>
/// <para>Writes are decided on the stored record: an update or delete reads it first, and a record that does not exist
/// or is out of the actor's scope is "not found" alike (nothing is written, the attempt is audited). A record never
/// moves to another patient, tenant or key.</para>
/// <para>Collections that a package owns (<see cref="DocumentCollection.IsCommandOwned"/>: care cases, encounters,
/// work items, case history, intake submissions, consents …) are read-only here: create, update and delete throw
/// <see cref="WriteNotPermittedException"/>; use the owning package's commands. The audit log and the outbox are not
/// document collections and cannot be reached through <see cref="IRecords{T}"/> at all.</para>
/// <para>Ids are chosen by the SDK: create a record with an empty id and use the returned record.</para>
/// <para>Continuation tokens are sealed for the actor and the query (see <see cref="ContinuationTokenProtector"/>).</para>
/// </remarks>
public interface IRecords<T>
    where T : class
{
    /// <summary>Reads a record.</summary>
    /// <param name="actor">Who reads.</param>
    /// <param name="key">The record's key.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The record.</returns>
    /// <exception cref="RecordNotFoundException">No such record exists in the actor's tenant, or it is out of the actor's scope.</exception>
    Task<T> GetAsync(ActorContext actor, string key, CancellationToken cancellationToken = default);

    /// <summary>Creates a record; for collections keyed by an id, the SDK assigns a new id.</summary>
    /// <param name="actor">Who creates.</param>
    /// <param name="record">The record, at version 0, in the actor's tenant; with an empty id when the collection assigns ids (<see cref="DocumentCollection.AssignsKeys"/>).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored record, at version 1, with its assigned id.</returns>
    /// <exception cref="ArgumentException">The record carries an id although the SDK assigns it (leave the id empty).</exception>
    /// <exception cref="WriteNotPermittedException">The collection is command-owned.</exception>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not create such records, or (natural keys only) a record with the same key exists that the actor may not see.</exception>
    /// <exception cref="ConcurrencyConflictException">Natural keys only: a record with the same key exists and the actor may see it.</exception>
    /// <exception cref="TenantMismatchException">The record belongs to another tenant than the actor.</exception>
    Task<T> CreateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Updates a record, based on the version it was read at; the decision is made on the stored record and on the new one.</summary>
    /// <param name="actor">Who updates.</param>
    /// <param name="record">The changed record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored record, at its new version.</returns>
    /// <exception cref="WriteNotPermittedException">The collection is command-owned.</exception>
    /// <exception cref="RecordNotFoundException">No such record exists in the actor's tenant, or the stored record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the record but its role may not update such records.</exception>
    /// <exception cref="RecordIdentityChangeException">The update moves the record to another patient.</exception>
    /// <exception cref="ConcurrencyConflictException">The record changed since it was read (only for a record the actor may see).</exception>
    /// <exception cref="TenantMismatchException">The record belongs to another tenant than the actor.</exception>
    Task<T> UpdateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record, based on the version it was read at; the decision is made on the stored record.</summary>
    /// <param name="actor">Who deletes.</param>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the record is deleted.</returns>
    /// <exception cref="WriteNotPermittedException">The collection is command-owned.</exception>
    /// <exception cref="RecordNotFoundException">No such record exists in the actor's tenant, or the stored record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor may see the record but its role may not delete such records.</exception>
    /// <exception cref="ConcurrencyConflictException">The record changed since it was read (only for a record the actor may see).</exception>
    /// <exception cref="TenantMismatchException">The record belongs to another tenant than the actor.</exception>
    Task DeleteAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Searches records in the actor's tenant; records out of the actor's scope are left out of the page.</summary>
    /// <param name="actor">Who searches.</param>
    /// <param name="query">The query; its continuation token must be the one the previous page of the same query returned to the same actor.</param>
    /// <param name="cancellationToken">A token to cancel the search.</param>
    /// <returns>The page of records the actor may see; continue with its (sealed) token even when it holds fewer items than asked for.</returns>
    /// <exception cref="InvalidContinuationTokenException">The query's continuation token was altered, forged, or issued to another actor or for another query.</exception>
    Task<DocumentPage<T>> SearchAsync(ActorContext actor, DocumentQuery<T> query, CancellationToken cancellationToken = default);
}
