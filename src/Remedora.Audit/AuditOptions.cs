namespace Remedora.Audit;

/// <summary>Options of the audit package. Validated when the host starts; changes are recorded in every tenant's audit log.</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// Gets or sets the id of the key in <see cref="CheckpointKeys"/> that signs new checkpoints (HMAC-SHA256).
    /// </summary>
    /// <value>The default is <see langword="null"/>: no built-in signer (register your own <see cref="IAuditCheckpointSigner"/> to use checkpoints).</value>
    public string? CheckpointKeyId { get; set; }

    /// <summary>
    /// Gets the HMAC-SHA256 checkpoint keys by id, each the base64 text of at least 32 random bytes. Keep retired keys
    /// here (under their ids) for as long as checkpoints they signed must still be checked.
    /// </summary>
    /// <value>The default is empty. Key ids are 1 to 64 characters <c>A-Z</c>, <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c> and <c>-</c>.</value>
    public IDictionary<string, string> CheckpointKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether changes of the security settings are recorded in each tenant's audit log.</summary>
    /// <value>The default is <see langword="true"/>. Turning it off is itself recorded, as the last change.</value>
    public bool RecordSettingsChanges { get; set; } = true;
}
