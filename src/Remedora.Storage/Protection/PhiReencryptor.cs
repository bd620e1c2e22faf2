using System.Reflection;

namespace Remedora.Storage.Protection;

/// <summary>
/// Rewrites a tenant's stored documents in batches so that every PHI field is encrypted with the current key and
/// every protected index holds the current blind index; run it after making a new key current, then retire the old
/// key. Works on every provider: it reads and updates documents through ordinary storage sessions.
/// </summary>
/// <remarks>
/// Only collections whose documents have PHI properties or protected indexes are rewritten. Each batch is one unit of
/// work (its documents get a new version, as any update) with one audit record of the system actor (resource type of
/// the collection, action update, detail <c>phi-reencrypted:&lt;count&gt;;key:&lt;id&gt;</c>). A batch that meets a
/// concurrent change is read again and retried.
/// </remarks>
public sealed class PhiReencryptor
{
    /// <summary>The actor id of re-encryption audit records.</summary>
    public const string ActorId = "remedora.phi-reencryption";

    private const int MaxAttempts = 5;

    private static readonly MethodInfo ReencryptCollectionMethod = typeof(PhiReencryptor).GetMethod(nameof(ReencryptCollectionAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private readonly IStorageSessionFactory _sessions;
    private readonly StorageModel _model;
    private readonly IPhiKeyProvider _keys;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="PhiReencryptor"/> class.</summary>
    /// <param name="sessions">The storage sessions.</param>
    /// <param name="model">The storage model.</param>
    /// <param name="keys">The keys (for the current key id recorded in the audit log).</param>
    /// <param name="timeProvider">The clock.</param>
    public PhiReencryptor(IStorageSessionFactory sessions, StorageModel model, IPhiKeyProvider keys, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _sessions = sessions;
        _model = model;
        _keys = keys;
        _timeProvider = timeProvider;
    }

    /// <summary>Re-encrypts every protected document of a tenant.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="batchSize">Documents per unit of work, from 1 to 1000.</param>
    /// <param name="cancellationToken">A token to stop between batches.</param>
    /// <returns>The number of documents rewritten per collection.</returns>
    public async Task<IReadOnlyDictionary<string, long>> ReencryptAsync(TenantId tenantId, int batchSize = 200, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batchSize, DocumentQuery<object>.MaxLimit);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var collection in _model.Collections.Where(IsProtected))
        {
            var task = (Task<long>)ReencryptCollectionMethod.MakeGenericMethod(collection.DocumentType).Invoke(this, [tenantId, collection, batchSize, cancellationToken])!;
            counts[collection.Name] = await task.ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>Determines whether a collection holds protected data (PHI properties or protected indexes).</summary>
    /// <param name="collection">The collection.</param>
    /// <returns><see langword="true"/> when re-encryption rewrites it.</returns>
    public static bool IsProtected(DocumentCollection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return collection.Indexes.Any(i => i.IsProtected) || ProtectedDocumentCodec.HasPhi(collection.DocumentType);
    }

    private async Task<long> ReencryptCollectionAsync<T>(TenantId tenantId, DocumentCollection collection, int batchSize, CancellationToken cancellationToken)
        where T : class
    {
        long total = 0;
        string? token = null;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var attempt = 1; ; attempt++)
            {
                await using var session = _sessions.OpenSession(tenantId);
                var page = await session.QueryAsync(DocumentQuery<T>.All.Take(batchSize).After(token), cancellationToken).ConfigureAwait(false);
                foreach (var document in page.Items)
                {
                    session.Update(document);
                }

                if (page.Items.Count > 0)
                {
                    session.Audit(new AuditEvent
                    {
                        OccurredAt = _timeProvider.GetUtcNow(),
                        TenantId = tenantId,
                        ActorId = ActorId,
                        ActorRole = ActorRole.System,
                        Action = AuditAction.Update,
                        ResourceType = collection.ResourceType,
                        Outcome = AuditOutcome.Success,
                        PurposeOfUse = PurposeOfUse.SystemAdministration,
                        Detail = $"phi-reencrypted:{page.Items.Count};key:{_keys.CurrentKey.Id}",
                    });
                }

                try
                {
                    await session.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
                {
                    continue;
                }

                total += page.Items.Count;
                token = page.ContinuationToken;
                break;
            }
        }
        while (token is not null);

        return total;
    }
}
