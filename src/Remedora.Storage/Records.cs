using System.ComponentModel;
using Remedora.Access;

namespace Remedora.Storage;

/// <summary>The default <see cref="IRecords{T}"/>: storage sessions, the <see cref="AccessGuard"/> and the collection of <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class Records<T> : IRecords<T>
    where T : class
{
    private const string PatientField = "patient";

    private readonly IStorageSessionFactory _sessions;
    private readonly AccessGuard _guard;
    private readonly DocumentCollection<T> _collection;
    private readonly ContinuationTokenProtector _tokens;
    private readonly string _tokenScope;
    private readonly TenantMembershipCache? _membership;

    /// <summary>Initializes a new instance of the <see cref="Records{T}"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="model">The storage model that holds the collection of <typeparamref name="T"/>.</param>
    /// <param name="tokens">Seals the continuation tokens of searches.</param>
    /// <exception cref="InvalidOperationException">No collection is registered for <typeparamref name="T"/>.</exception>
    public Records(IStorageSessionFactory sessions, AccessGuard guard, StorageModel model, ContinuationTokenProtector tokens)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokens);
        _sessions = sessions;
        _guard = guard;
        _collection = model.Get<T>();
        _tokens = tokens;
        _tokenScope = "records:" + _collection.Name;
    }

    /// <summary>Initializes a new instance of the <see cref="Records{T}"/> class whose search tokens are sealed with a key of this process only.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="model">The storage model that holds the collection of <typeparamref name="T"/>.</param>
    /// <exception cref="InvalidOperationException">No collection is registered for <typeparamref name="T"/>.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public Records(IStorageSessionFactory sessions, AccessGuard guard, StorageModel model)
        : this(sessions, guard, model, ContinuationTokenProtector.Shared)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="Records{T}"/> class that also invalidates the tenant-membership
    /// cache when it writes a <see cref="Practitioner"/>, so a deactivation is seen at once by this process.
    /// </summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="guard">The access guard.</param>
    /// <param name="model">The storage model that holds the collection of <typeparamref name="T"/>.</param>
    /// <param name="tokens">Seals the continuation tokens of searches.</param>
    /// <param name="membership">The cache of active tenant members the access policy's relationships read.</param>
    /// <exception cref="InvalidOperationException">No collection is registered for <typeparamref name="T"/>.</exception>
    public Records(IStorageSessionFactory sessions, AccessGuard guard, StorageModel model, ContinuationTokenProtector tokens, TenantMembershipCache membership)
        : this(sessions, guard, model, tokens)
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
            throw await NotFoundAsync(actor, AccessAction.Read, key, cancellationToken).ConfigureAwait(false);
        }

        await _guard.AuthorizeAsync(session, RequestFor(actor, AccessAction.Read, record), cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <inheritdoc/>
    public async Task<T> CreateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        RequireActorTenant(actor, record);
        if (_collection.IsCommandOwned)
        {
            var attempt = RequestFor(actor, AccessAction.Create, record) with { ResourceId = _collection.HasKey(record) ? _collection.KeyOf(record) : null };
            var decision = await _guard.EvaluateAsync(attempt, cancellationToken).ConfigureAwait(false);
            if (!decision.IsAllowed)
            {
                throw await _guard.DenyAsync(attempt, DenialBasis(decision), cancellationToken).ConfigureAwait(false);
            }

            throw await RefuseOwnedAsync(attempt, cancellationToken).ConfigureAwait(false);
        }

        if (_collection.AssignsKeys)
        {
            if (_collection.HasKey(record))
            {
                throw new ArgumentException($"Leave the id of a new {_collection.ResourceType} empty; the SDK assigns it (use the returned record's id).", nameof(record));
            }

            record = _collection.WithNewKey(record);
        }

        var request = RequestFor(actor, AccessAction.Create, record);

        await using var session = _sessions.OpenSession(actor.TenantId);
        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        if (!_collection.AssignsKeys && await session.FindAsync<T>(request.ResourceId!, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            throw await ExistingKeyAsync(request, existing, cancellationToken).ConfigureAwait(false);
        }

        var staged = session.Insert(record);
        await CommitAsync(session, request, cancellationToken).ConfigureAwait(false);
        return staged;
    }

    /// <inheritdoc/>
    public async Task<T> UpdateAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        RequireActorTenant(actor, record);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var (stored, request) = await AuthorizeStoredAsync(session, actor, AccessAction.Update, record, cancellationToken).ConfigureAwait(false);
        if (_collection.PatientOf(stored) != _collection.PatientOf(record))
        {
            await _guard.RecordFailureAsync(request, StorageErrorCodes.IdentityChangeRefused, cancellationToken).ConfigureAwait(false);
            throw new RecordIdentityChangeException(_collection.ResourceType, request.ResourceId!, PatientField);
        }

        var changed = RequestFor(actor, AccessAction.Update, record);
        if (changed != request)
        {
            await _guard.AuthorizeAsync(session, changed, cancellationToken).ConfigureAwait(false);
        }

        await RequireVersionAsync(request, stored, record, cancellationToken).ConfigureAwait(false);
        var staged = session.Update(record);
        await CommitAsync(session, request, cancellationToken).ConfigureAwait(false);
        return staged;
    }

    /// <inheritdoc/>
    public async Task DeleteAsync(ActorContext actor, T record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        RequireActorTenant(actor, record);
        await using var session = _sessions.OpenSession(actor.TenantId);
        var (stored, request) = await AuthorizeStoredAsync(session, actor, AccessAction.Delete, record, cancellationToken).ConfigureAwait(false);
        await RequireVersionAsync(request, stored, record, cancellationToken).ConfigureAwait(false);
        session.Delete(record);
        await CommitAsync(session, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task<DocumentPage<T>> SearchAsync(ActorContext actor, DocumentQuery<T> query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(query);
        var shape = QueryShape.Describe(query);
        string? position;
        try
        {
            position = _tokens.Unprotect(actor, _tokenScope, shape, query.ContinuationToken);
        }
        catch (InvalidContinuationTokenException ex)
        {
            var refused = new AccessRequest(actor, AccessAction.Search, _collection.ResourceType, actor.TenantId, null);
            await _guard.RecordFailureAsync(refused, ex.Code, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await using var session = _sessions.OpenSession(actor.TenantId);
        var page = await session.QueryAsync(query.After(position), cancellationToken).ConfigureAwait(false);
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
        return new DocumentPage<T>(visible, _tokens.Protect(actor, _tokenScope, shape, page.ContinuationToken));
    }

    /// <summary>
    /// Reads the stored record a write names and authorises the write on it. A missing record and a stored record the
    /// actor may not read are the same "not found" (audited); a record the actor may see in a command-owned collection is
    /// "write not permitted"; an action the actor's role may not perform on a record it may see is "access denied".
    /// </summary>
    private async Task<(T Stored, AccessRequest Request)> AuthorizeStoredAsync(IStorageSession session, ActorContext actor, AccessAction action, T record, CancellationToken cancellationToken)
    {
        var key = _collection.KeyOf(record);
        var stored = await session.FindAsync<T>(key, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            throw await NotFoundAsync(actor, action, key, cancellationToken).ConfigureAwait(false);
        }

        var request = RequestFor(actor, action, stored);
        var visibility = await _guard.EvaluateAsync(request with { Action = AccessAction.Read }, cancellationToken).ConfigureAwait(false);
        if (!visibility.IsAllowed)
        {
            await _guard.DenyAsync(request, DenialBasis(visibility), cancellationToken).ConfigureAwait(false);
            throw new RecordNotFoundException(_collection.ResourceType, key);
        }

        if (_collection.IsCommandOwned)
        {
            throw await RefuseOwnedAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await _guard.AuthorizeAsync(session, request, cancellationToken).ConfigureAwait(false);
        return (stored, request);
    }

    private async Task RequireVersionAsync(AccessRequest request, T stored, T record, CancellationToken cancellationToken)
    {
        var expected = _collection.VersionOf(record);
        var actual = _collection.VersionOf(stored);
        if (expected != actual)
        {
            await _guard.RecordFailureAsync(request, RemedoraErrorCodes.ConcurrencyConflict, cancellationToken).ConfigureAwait(false);
            throw new ConcurrencyConflictException(_collection.ResourceType, request.ResourceId!, expected, actual);
        }
    }

    private async Task CommitAsync(IStorageSession session, AccessRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RemedoraException ex)
        {
            await _guard.RecordFailureAsync(request, ex.Code, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (typeof(T) == typeof(Practitioner) && request.ResourceId is { } key && Id<Practitioner>.TryParse(key, out var practitionerId))
        {
            // A practitioner's record decides their tenant membership: forget what this process cached about it.
            _membership?.Invalidate(request.TenantId, practitionerId);
        }
    }

    private async Task<RemedoraException> ExistingKeyAsync(AccessRequest request, T existing, CancellationToken cancellationToken)
    {
        var visibility = await _guard.EvaluateAsync(RequestFor(request.Actor, AccessAction.Read, existing), cancellationToken).ConfigureAwait(false);
        if (!visibility.IsAllowed)
        {
            await _guard.DenyAsync(request, AccessBasis.ActionNotPermitted, cancellationToken).ConfigureAwait(false);
            return new AccessDeniedException(_collection.ResourceType, "create", request.Actor.Role);
        }

        await _guard.RecordFailureAsync(request, RemedoraErrorCodes.ConcurrencyConflict, cancellationToken).ConfigureAwait(false);
        return new ConcurrencyConflictException(_collection.ResourceType, request.ResourceId!, 0, null);
    }

    private async Task<RemedoraException> RefuseOwnedAsync(AccessRequest request, CancellationToken cancellationToken)
    {
        await _guard.DenyAsync(request, AccessBasis.ActionNotPermitted, cancellationToken).ConfigureAwait(false);
        return new WriteNotPermittedException(_collection.ResourceType, _collection.Name, _collection.Owner!);
    }

    private static AccessBasis DenialBasis(AccessDecision decision)
        => decision.Basis >= AccessBasis.OtherTenant ? decision.Basis : AccessBasis.NoRelationship;

    private void RequireActorTenant(ActorContext actor, T record)
    {
        var tenant = _collection.TenantOf(record);
        if (tenant != actor.TenantId)
        {
            throw new TenantMismatchException(_collection.ResourceType, actor.TenantId, tenant);
        }
    }

    private async Task<RecordNotFoundException> NotFoundAsync(ActorContext actor, AccessAction action, string key, CancellationToken cancellationToken)
    {
        var missing = new AccessRequest(actor, action, _collection.ResourceType, actor.TenantId, null, key);
        await _guard.RecordFailureAsync(missing, RemedoraErrorCodes.NotFound, cancellationToken).ConfigureAwait(false);
        return new RecordNotFoundException(_collection.ResourceType, key);
    }

    private AccessRequest RequestFor(ActorContext actor, AccessAction action, T record)
        => new(actor, action, _collection.ResourceType, _collection.TenantOf(record), _collection.PatientOf(record), _collection.KeyOf(record));
}
