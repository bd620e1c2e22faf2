namespace Remedora.Storage;

/// <summary>Configures how the continuation tokens handed to actors are sealed (see <see cref="ContinuationTokenProtector"/>).</summary>
public sealed class ContinuationTokenOptions
{
    /// <summary>Gets or sets the secret the token key is derived from; every host instance must use the same one.</summary>
    /// <value>
    /// At least <see cref="ContinuationTokenProtector.MinimumSecretLength"/> random bytes. The default is
    /// <see langword="null"/>: the key is then derived from the PHI blind-index key when PHI protection is configured,
    /// otherwise it is random to the process (tokens do not survive a restart or cross host instances).
    /// </value>
    public byte[]? Secret { get; set; }
}
