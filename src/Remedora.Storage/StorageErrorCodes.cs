namespace Remedora.Storage;

/// <summary>The stable error codes of the storage package.</summary>
public static class StorageErrorCodes
{
    /// <summary>A lease is no longer held.</summary>
    public const string LeaseLost = "remedora.storage.lease_lost";

    /// <summary>A generic write was refused because the collection is command-owned (see <see cref="WriteNotPermittedException"/>).</summary>
    public const string WriteNotPermitted = "remedora.storage.write_not_permitted";

    /// <summary>A continuation token was altered, forged or replayed by another actor or with another query (see <see cref="InvalidContinuationTokenException"/>).</summary>
    public const string InvalidContinuationToken = "remedora.storage.invalid_continuation_token";

    /// <summary>An update tried to move a record to another patient (see <see cref="RecordIdentityChangeException"/>).</summary>
    public const string IdentityChangeRefused = "remedora.storage.identity_change_refused";

    /// <summary>A commit would have made documents of one group overlap in time beyond a constraint's capacity (see <see cref="TimeRangeConflictException"/>).</summary>
    public const string TimeRangeConflict = "remedora.storage.time_range_conflict";

    /// <summary>A commit broke a unique index of a collection (see <see cref="UniqueConstraintViolationException"/>); a conflict, like <see cref="RemedoraErrorCodes.ConcurrencyConflict"/>.</summary>
    public const string UniqueConstraintViolation = "remedora.storage.unique_constraint_violation";
}
