namespace Remedora.Storage.InMemory;

public sealed partial class InMemoryStorage
{
    private const int MaxPageSize = 1000;

    /// <inheritdoc/>
    public async Task<ClaimOutcome> ClaimAsync(TenantId tenantId, Guid itemId, string owner, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ValidateDuration(leaseDuration);
        var started = TimeProvider.GetTimestamp();
        var (outcome, queue) = await WriteAsync(
            (state, now) =>
            {
                var current = state.FindItem(new ItemKey(tenantId, itemId));
                if (current is null)
                {
                    return (state, (new ClaimOutcome(ClaimStatus.NotFound, null), string.Empty));
                }

                var item = current.Item;
                var status = item.Status switch
                {
                    QueueItemStatus.Completed or QueueItemStatus.DeadLettered or QueueItemStatus.Cancelled => ClaimStatus.NotClaimable,
                    QueueItemStatus.Leased when item.LeaseExpiresAt > now => ClaimStatus.AlreadyClaimed,
                    _ when item.AssignedTo is not null && item.AssignedTo != owner => ClaimStatus.NotClaimable,
                    QueueItemStatus.Ready when item.AvailableAt > now => ClaimStatus.NotClaimable,
                    _ => ClaimStatus.Claimed,
                };
                if (status != ClaimStatus.Claimed)
                {
                    return (state, (new ClaimOutcome(status, null), item.Queue));
                }

                var (claimed, leased) = Claim(current, owner, leaseDuration, now);
                return (state.WithItem(claimed), (new ClaimOutcome(ClaimStatus.Claimed, leased), item.Queue));
            },
            cancellationToken).ConfigureAwait(false);
        StorageTelemetry.RecordClaim(queue, TimeProvider.GetElapsedTime(started), outcome.Status);
        return outcome;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LeasedItem>> ClaimNextAsync(ClaimRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Queue);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Owner);
        ValidateDuration(request.LeaseDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.MaxItems, MaxPageSize, nameof(request));
        var started = TimeProvider.GetTimestamp();
        var claimed = await WriteAsync(
            (state, now) =>
            {
                if (!state.Queues.TryGetValue(request.Queue, out var items))
                {
                    return (state, (IReadOnlyList<LeasedItem>)[]);
                }

                var best = new List<StoredItem>(request.MaxItems + 1);
                foreach (var candidate in items.Values)
                {
                    if (IsClaimableBy(candidate.Item, request, now))
                    {
                        InsertInClaimOrder(best, candidate, request.MaxItems);
                    }
                }

                var result = new LeasedItem[best.Count];
                for (var i = 0; i < best.Count; i++)
                {
                    var (stored, leased) = Claim(best[i], request.Owner, request.LeaseDuration, now);
                    state = state.WithItem(stored);
                    result[i] = leased;
                }

                return (state, (IReadOnlyList<LeasedItem>)result);
            },
            cancellationToken).ConfigureAwait(false);
        StorageTelemetry.RecordClaim(request.Queue, TimeProvider.GetElapsedTime(started), claimed.Count);
        return claimed;
    }

    /// <inheritdoc/>
    public Task<Lease> RenewAsync(Lease lease, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ValidateDuration(leaseDuration);
        return WriteAsync(
            (state, now) =>
            {
                var current = HeldItem(state, lease);
                var expires = StorageTime.Normalize(now + leaseDuration);
                return (state.WithItem(current with { Item = current.Item with { LeaseExpiresAt = expires } }), lease with { ExpiresAt = expires });
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task ReleaseAsync(Lease lease, DateTimeOffset? availableAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync(
            (state, now) =>
            {
                var current = HeldItem(state, lease);
                var item = current.Item with
                {
                    Status = QueueItemStatus.Ready,
                    AvailableAt = availableAt is { } at ? StorageTime.Normalize(at) : now,
                    LeaseExpiresAt = null,
                };
                return (state.WithItem(current with { Item = item, LeaseToken = null }), true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task CompleteAsync(Lease lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        return WriteAsync(
            (state, now) =>
            {
                var current = HeldItem(state, lease);
                return (state.WithItem(current with { Item = Finish(current.Item, QueueItemStatus.Completed, now), LeaseToken = null }), true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task FailAsync(Lease lease, string error, DateTimeOffset? retryAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(error);
        return WriteAsync(
            (state, now) =>
            {
                var current = HeldItem(state, lease);
                var item = retryAt is { } at
                    ? current.Item with { Status = QueueItemStatus.Ready, AvailableAt = StorageTime.Normalize(at), LeaseExpiresAt = null, LastError = error }
                    : Finish(current.Item, QueueItemStatus.DeadLettered, now) with { LastError = error };
                return (state.WithItem(current with { Item = item, LeaseToken = null }), true);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<QueueItem?> GetAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(State.FindItem(new ItemKey(tenantId, itemId))?.Item);
    }

    /// <inheritdoc/>
    public Task<QueuePage> ListAsync(QueueQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(query.Queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.Limit, MaxPageSize, nameof(query));
        cancellationToken.ThrowIfCancellationRequested();
        (DateTimeOffset CreatedAt, string Id)? after = null;
        if (query.ContinuationToken is { } token)
        {
            var (value, key) = ContinuationToken.Decode(token);
            after = value is DateTimeOffset createdAt
                ? (createdAt, key)
                : throw new ArgumentException("The continuation token is malformed: pass the token of a previous page of the same listing unchanged.", nameof(query));
        }

        if (!State.Queues.TryGetValue(query.Queue, out var items))
        {
            return Task.FromResult(new QueuePage([], null));
        }

        var matching = items.Values
            .Where(s => query.TenantId is not { } tenant || s.Item.TenantId == tenant)
            .Where(s => query.Status is not { } status || s.Item.Status == status)
            .Where(s => query.LeaseOwner is null || (s.Item.Status == QueueItemStatus.Leased && s.Item.LeaseOwner == query.LeaseOwner))
            .OrderBy(s => s.Item.CreatedAt)
            .ThenBy(s => s.IdText, StringComparer.Ordinal)
            .AsEnumerable();
        if (after is { } start)
        {
            matching = matching.Where(s => s.Item.CreatedAt > start.CreatedAt || (s.Item.CreatedAt == start.CreatedAt && string.CompareOrdinal(s.IdText, start.Id) > 0));
        }

        var page = matching.Take(query.Limit + 1).ToList();
        string? next = null;
        if (page.Count > query.Limit)
        {
            page.RemoveAt(page.Count - 1);
            next = ContinuationToken.Encode(page[^1].Item.CreatedAt, page[^1].IdText);
        }

        return Task.FromResult(new QueuePage(page.Select(s => s.Item).ToArray(), next));
    }

    /// <inheritdoc/>
    public Task<QueueStatistics> GetStatisticsAsync(string queue, TenantId? tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        cancellationToken.ThrowIfCancellationRequested();
        var now = Now();
        long ready = 0, leased = 0, expired = 0, deadLettered = 0, overdue = 0;
        var byPriority = new SortedDictionary<int, long>();
        DateTimeOffset? oldest = null;
        if (State.Queues.TryGetValue(queue, out var items))
        {
            foreach (var stored in items.Values)
            {
                var item = stored.Item;
                if (tenantId is { } tenant && item.TenantId != tenant)
                {
                    continue;
                }

                DateTimeOffset? claimableSince = null;
                switch (item.Status)
                {
                    case QueueItemStatus.Ready:
                        ready++;
                        if (item.AvailableAt <= now)
                        {
                            claimableSince = item.AvailableAt;
                        }

                        break;
                    case QueueItemStatus.Leased when item.LeaseExpiresAt > now:
                        leased++;
                        break;
                    case QueueItemStatus.Leased:
                        expired++;
                        claimableSince = item.LeaseExpiresAt;
                        break;
                    case QueueItemStatus.DeadLettered:
                        deadLettered++;
                        break;
                }

                if (item.Status is QueueItemStatus.Ready or QueueItemStatus.Leased)
                {
                    byPriority[item.Priority] = byPriority.GetValueOrDefault(item.Priority) + 1;
                    if (item.DueAt < now)
                    {
                        overdue++;
                    }
                }

                if (claimableSince is { } since && (oldest is null || since < oldest))
                {
                    oldest = since;
                }
            }
        }

        return Task.FromResult(new QueueStatistics
        {
            Ready = ready,
            Leased = leased,
            Expired = expired,
            DeadLettered = deadLettered,
            Overdue = overdue,
            UnfinishedByPriority = byPriority,
            OldestClaimableSince = oldest,
        });
    }

    /// <inheritdoc/>
    public Task<bool> RequeueAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
        => WriteAsync(
            (state, now) =>
            {
                var current = state.FindItem(new ItemKey(tenantId, itemId));
                if (current is null || current.Item.Status is not (QueueItemStatus.DeadLettered or QueueItemStatus.Cancelled))
                {
                    return (state, false);
                }

                if (current.MessageKey is { } messageKey && FindPendingMessage(state, tenantId, messageKey) is not null)
                {
                    // A newer message with the same key is pending: the key is taken.
                    return (state, false);
                }

                var item = current.Item with { Status = QueueItemStatus.Ready, Attempts = 0, AvailableAt = now, LeaseExpiresAt = null, FinishedAt = null };
                return (state.WithItem(current with { Item = item, LeaseToken = null }), true);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> CancelAsync(TenantId tenantId, Guid itemId, CancellationToken cancellationToken = default)
        => WriteAsync(
            (state, now) =>
            {
                var current = state.FindItem(new ItemKey(tenantId, itemId));
                if (current is null || current.Item.Status is not (QueueItemStatus.Ready or QueueItemStatus.Leased))
                {
                    return (state, false);
                }

                return (state.WithItem(current with { Item = Finish(current.Item, QueueItemStatus.Cancelled, now), LeaseToken = null }), true);
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AssignAsync(TenantId tenantId, Guid itemId, string? assignee, CancellationToken cancellationToken = default)
    {
        if (assignee is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assignee);
        }

        return WriteAsync(
            (state, now) =>
            {
                var current = state.FindItem(new ItemKey(tenantId, itemId));
                if (current is null || current.Item.Status is not (QueueItemStatus.Ready or QueueItemStatus.Leased))
                {
                    return (state, false);
                }

                var item = current.Item with { AssignedTo = assignee };
                var token = current.LeaseToken;
                if (item.Status == QueueItemStatus.Leased && assignee is not null && item.LeaseOwner != assignee)
                {
                    item = item with { Status = QueueItemStatus.Ready, LeaseExpiresAt = null };
                    token = null;
                }

                return (state.WithItem(current with { Item = item, LeaseToken = token }), true);
            },
            cancellationToken);
    }

    private static void ValidateDuration(TimeSpan leaseDuration)
    {
        if (leaseDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "A lease lasts for a positive time.");
        }
    }

    private static (StoredItem Stored, LeasedItem Leased) Claim(StoredItem current, string owner, TimeSpan leaseDuration, DateTimeOffset now)
    {
        var token = Guid.NewGuid();
        var expires = StorageTime.Normalize(now + leaseDuration);
        var item = current.Item with
        {
            Status = QueueItemStatus.Leased,
            LeaseOwner = owner,
            LeaseExpiresAt = expires,
            Attempts = current.Item.Attempts + 1,
        };
        var lease = new Lease(item.TenantId, item.Queue, item.Id, owner, token, expires, item.Attempts);
        return (current with { Item = item, LeaseToken = token }, new LeasedItem(lease, item));
    }

    private static bool IsClaimableBy(QueueItem item, ClaimRequest request, DateTimeOffset now)
    {
        var claimable = item.Status switch
        {
            QueueItemStatus.Ready => item.AvailableAt <= now,
            QueueItemStatus.Leased => item.LeaseExpiresAt <= now,
            _ => false,
        };
        return claimable
            && (request.TenantId is not { } tenant || item.TenantId == tenant)
            && Allows(request.Jurisdictions, item.Jurisdiction)
            && Allows(request.Skills, item.Skill)
            && Allows(request.Pools, item.Pool)
            && (item.AssignedTo is null || item.AssignedTo == request.Owner);
    }

    private static bool Allows(IReadOnlyCollection<string>? allowed, string? required)
        => required is null || allowed is null || allowed.Contains(required, StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="best"/> sorted in claim order and at most <paramref name="limit"/> long.</summary>
    private static void InsertInClaimOrder(List<StoredItem> best, StoredItem candidate, int limit)
    {
        if (best.Count == limit && ClaimOrder(candidate, best[^1]) >= 0)
        {
            return;
        }

        var index = best.Count;
        while (index > 0 && ClaimOrder(candidate, best[index - 1]) < 0)
        {
            index--;
        }

        best.Insert(index, candidate);
        if (best.Count > limit)
        {
            best.RemoveAt(best.Count - 1);
        }
    }

    /// <summary>Highest priority first, then earliest due, then id in text order.</summary>
    private static int ClaimOrder(StoredItem left, StoredItem right)
    {
        var comparison = right.Item.Priority.CompareTo(left.Item.Priority);
        if (comparison == 0)
        {
            comparison = left.Item.DueAt.UtcTicks.CompareTo(right.Item.DueAt.UtcTicks);
        }

        return comparison != 0 ? comparison : string.CompareOrdinal(left.IdText, right.IdText);
    }

    private static StoredItem HeldItem(StoreState state, Lease lease)
    {
        var current = state.FindItem(new ItemKey(lease.TenantId, lease.ItemId));
        if (current is null
            || current.Item.Queue != lease.Queue
            || current.Item.Status != QueueItemStatus.Leased
            || current.LeaseToken != lease.Token)
        {
            throw new LeaseLostException(lease);
        }

        return current;
    }

    private static QueueItem Finish(QueueItem item, QueueItemStatus status, DateTimeOffset now)
        => item with { Status = status, FinishedAt = now, LeaseExpiresAt = null };
}
