namespace Remedora.Storage;

/// <summary>The lease is no longer held: it was lost to expiry and reclaimed, released, or the item was finished or reassigned.</summary>
public sealed class LeaseLostException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="LeaseLostException"/> class.</summary>
    /// <param name="lease">The lease that was lost.</param>
    public LeaseLostException(Lease lease)
        : base(StorageErrorCodes.LeaseLost, RemedoraErrorCategory.Conflict, $"The lease on queue item '{lease?.ItemId}' in queue '{lease?.Queue}' is no longer held by '{lease?.Owner}'. The item expired and was claimed again, or was released, finished or reassigned; claim it again before working on it.")
    {
        Lease = lease!;
    }

    /// <summary>Gets the lease that was lost.</summary>
    public Lease Lease { get; }
}
