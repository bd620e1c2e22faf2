using Remedora.Access;

namespace Remedora.Storage;

/// <summary>
/// Reads and writes records of one kind on behalf of an actor: every call is checked against the access policy and
/// audited in the same unit of work as its change. Works for every registered document collection, including
/// those packages contribute. Resolve <c>IRecords&lt;Patient&gt;</c>, <c>IRecords&lt;CareCase&gt;</c>, and so on.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
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

    /// <summary>Creates a record.</summary>
    /// <param name="actor">Who creates.</param>
    /// <param name="record">The record, at version 0, in the actor's tenant.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored record, at version 1.</returns>
    /// <exception cref="RecordNotFoundException">The patient is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not create such records.</exception>
    /// <exception cref="ConcurrencyConflictException">A record with the same key exists.</exception>
    /// <exception cref="TenantMismatchException">The record belongs to another tenant than the actor.</exception>
    Task<T> CreateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Updates a record, based on the version it was read at.</summary>
    /// <param name="actor">Who updates.</param>
    /// <param name="record">The changed record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The stored record, at its new version.</returns>
    /// <exception cref="RecordNotFoundException">The record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not update such records.</exception>
    /// <exception cref="ConcurrencyConflictException">The record changed since it was read.</exception>
    /// <exception cref="TenantMismatchException">The record belongs to another tenant than the actor.</exception>
    Task<T> UpdateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Deletes a record, based on the version it was read at.</summary>
    /// <param name="actor">Who deletes.</param>
    /// <param name="record">The record.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>A task that completes when the record is deleted.</returns>
    /// <exception cref="RecordNotFoundException">The record is out of the actor's scope.</exception>
    /// <exception cref="AccessDeniedException">The actor's role may not delete such records.</exception>
    /// <exception cref="ConcurrencyConflictException">The record changed since it was read, or is gone.</exception>
    Task DeleteAsync(ActorContext actor, T record, CancellationToken cancellationToken = default);

    /// <summary>Searches records in the actor's tenant; records out of the actor's scope are left out of the page.</summary>
    /// <param name="actor">Who searches.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">A token to cancel the search.</param>
    /// <returns>The page of records the actor may see; continue with its token even when it holds fewer items than asked for.</returns>
    Task<DocumentPage<T>> SearchAsync(ActorContext actor, DocumentQuery<T> query, CancellationToken cancellationToken = default);
}

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

/// <summary>The default <see cref="IRecords{T}"/>: storage sessions, the <see cref="AccessGuard"/> and the collection of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class Records<T> : IRecords<T>
    where T : class
{
    private readonly IStorageSessionFactory _sessions;
    private readonly AccessGuard _guard;
    private readonly DocumentCollection<T> _collection;
    private readonly TenantMembershipCache? _membership;

    /// <summary>Initializes a new instance of the <see cref="Records{T}"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="model">The storage model that holds the collection of <typeparamref name="T"/>.</param>
    public Records(IStorageSessionFactory sessions, AccessGuard guard, StorageModel model)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(model);
        _sessions = sessions;
        _guard = guard;
        _collection = model.Get<T>();
    }

    /// <summary>Initializes a new instance of the <see cref="Records{T}"/> class that invalidates the tenant-membership cache when it writes a <see cref="Practitioner"/>.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="model">The storage model that holds the collection of <typeparamref name="T"/>.</param>
    /// <param name="membership">The cache of active tenant members the access policy's relationships read.</param>
    public Records(IStorageSessionFactory sessions, AccessGuard guard, StorageModel model, TenantMembershipCache membership)
        : this(sessions, guard, model)
    {
        ArgumentNullException.ThrowIfNull(membership);
        _membership = membership;
    }

    /// <inheritdoc/>
    public async Task<T> GetAsync(ActorContext actor, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(key);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var record = await session.FindAsync<T>(key, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            var missing = new AccessRequest(actor, AccessAction.Read, _collection.ResourceType, actor.TenantId, null, key);
            await _guard.RecordFailureAsync(missing, RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(_collection.ResourceType, key);
        }

        await _guard.AuthorizeAsync(session, RequestFor(actor, AccessAction.Read, record), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <inheritdoc/>
    public Task<T> CreateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
        => WriteAsync(actor, record, AccessAction.Create, (s, r) => s.Insert(r), cancellationToken);

    /// <inheritdoc/>
    public Task<T> UpdateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
        => WriteAsync(actor, record, AccessAction.Update, (s, r) => s.Update(r), cancellationToken);

    /// <inheritdoc/>
    public Task DeleteAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
        => WriteAsync(actor, record, AccessAction.Delete, (s, r) => { s.Delete(r); return r; }, cancellationToken);

    /// <inheritdoc/>
    public async Task<DocumentPage<T>> SearchAsync(ActorContext actor, DocumentQuery<T> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var page = await session.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var visible = new List<T>(page.Items.Count);
        var audited = new HashSet<Id<Patient>?>();
        foreach (var record in page.Items)
        {
            var request = RequestFor(actor, AccessAction.Search, record) with { ResourceId = null };
            if (!audited.Contains(request.PatientId))
            {
                var decision = await _guard.EvaluateAsync(request, cancellationToken).ConfigureAwait(false);
                if (!decision.IsAllowed)
                {
                    continue;
                }

                await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
                audited.Add(request.PatientId);
            }

            visible.Add(record);
        }

        if (audited.Count == 0)
        {
            var request = new AccessRequest(actor, AccessAction.Search, _collection.ResourceType, actor.TenantId, null);
            await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DocumentPage<T>(visible, page.ContinuationToken);
    }

    private async Task<T> WriteAsync(ActorContext actor, T record, AccessAction action, Func<IStorageSession, T, T> stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        var tenant = _collection.TenantOf(record);
        if (tenant != actor.TenantId)
        {
            throw new TenantMismatchException(_collection.ResourceType, actor.TenantId, tenant);
        }

        var request = RequestFor(actor, action, record);
        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        var staged = stage(session, record);
        try
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RemedoraException ex)
        {
            await _guard.RecordFailureAsync(request, ex.Code, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (record is Practitioner practitioner)
        {
            // A practitioner's record decides their tenant membership: forget what this process cached about it.
            _membership?.Invalidate(practitioner.TenantId, practitioner.Id);
        }

        return staged;
    }

    private AccessRequest RequestFor(ActorContext actor, AccessAction action, T record)
        => new(actor, action, _collection.ResourceType, _collection.TenantOf(record), _collection.PatientOf(record), _collection.KeyOf(record));
}
