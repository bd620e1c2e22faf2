using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Remedora.Storage;

/// <summary>
/// Remembers, per process and for <see cref="RemedoraOptions.TenantMembershipCacheDuration"/>, which practitioners
/// <see cref="StorageCareRelationships"/> found to be active members of a tenant, so the access policy does not read
/// the practitioner's record on every decision.
/// </summary>
/// <remarks>
/// <para>Only positive answers are kept: a practitioner who is not (or not yet) an active member is looked up again on
/// the next decision, so a new or reactivated practitioner is accepted at once. An entry expires by the
/// <see cref="TimeProvider"/> after the configured duration; a write of the practitioner's record through
/// <see cref="IRecords{T}"/> in this process forgets it at once (<see cref="Invalidate"/>). Other processes forget it
/// when it expires, so a deactivation reaches every node after at most the duration.</para>
/// <para>A host that changes practitioners another way (directly through a storage session, or from its identity
/// provider) calls <see cref="Invalidate"/> itself, or waits out the duration. Thread-safe.</para>
/// </remarks>
public sealed class TenantMembershipCache
{
    private const int PruneThreshold = 10_000;

    private readonly ConcurrentDictionary<Key, DateTimeOffset> _members = new();
    private readonly TimeProvider _timeProvider;
    private readonly IOptions<RemedoraOptions> _options;
    private long _generation;

    /// <summary>Initializes a new instance of the <see cref="TenantMembershipCache"/> class.</summary>
    /// <param name="timeProvider">The clock entries expire by.</param>
    /// <param name="options">The options (<see cref="RemedoraOptions.TenantMembershipCacheDuration"/>).</param>
    public TenantMembershipCache(TimeProvider timeProvider, IOptions<RemedoraOptions> options)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(options);
        _timeProvider = timeProvider;
        _options = options;
    }

    /// <summary>Gets the number of entries held, expired ones included until they are next looked at.</summary>
    public int Count => _members.Count;

    /// <summary>Forgets what is known about a practitioner's membership of a tenant; the next decision reads their record.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="practitionerId">The practitioner.</param>
    public void Invalidate(TenantId tenantId, Id<Practitioner> practitionerId)
    {
        Interlocked.Increment(ref _generation);
        _members.TryRemove(new Key(tenantId, practitionerId), out _);
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _members.Clear();
    }

    /// <summary>Gets the invalidation generation; pass it to <see cref="RememberMember"/> after the lookup it preceded.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    /// <summary>Determines whether the practitioner is remembered as an active member whose entry has not expired.</summary>
    internal bool IsRememberedMember(TenantId tenantId, Id<Practitioner> practitionerId)
    {
        var key = new Key(tenantId, practitionerId);
        if (!_members.TryGetValue(key, out var expiresAt))
        {
            return false;
        }

        if (_timeProvider.GetUtcNow() < expiresAt)
        {
            return true;
        }

        _members.TryRemove(new KeyValuePair<Key, DateTimeOffset>(key, expiresAt));
        return false;
    }

    /// <summary>
    /// Remembers an active member found by a lookup that started at <paramref name="generation"/>; nothing is kept when
    /// an invalidation happened since (the lookup may have read the record before the write that invalidated it).
    /// </summary>
    internal void RememberMember(TenantId tenantId, Id<Practitioner> practitionerId, long generation)
    {
        var duration = _options.Value.TenantMembershipCacheDuration;
        if (duration <= TimeSpan.Zero)
        {
            return;
        }

        var now = _timeProvider.GetUtcNow();
        if (_members.Count >= PruneThreshold)
        {
            foreach (var entry in _members)
            {
                if (entry.Value <= now)
                {
                    _members.TryRemove(entry);
                }
            }
        }

        var key = new Key(tenantId, practitionerId);
        _members[key] = now + duration;
        if (Generation != generation)
        {
            // An invalidation raced with the lookup: what was read may be stale, so it is not kept.
            _members.TryRemove(key, out _);
        }
    }

    private readonly record struct Key(TenantId TenantId, Id<Practitioner> PractitionerId);
}
