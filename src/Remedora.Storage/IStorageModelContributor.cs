namespace Remedora.Storage;

/// <summary>
/// Contributes document collections to the storage model. Each package registers one (through its
/// <c>Add…</c> registration); providers compose all of them into one <see cref="StorageModel"/>.
/// </summary>
public interface IStorageModelContributor
{
    /// <summary>Adds the package's collections.</summary>
    /// <param name="model">The model being built.</param>
    void Contribute(StorageModelBuilder model);
}
