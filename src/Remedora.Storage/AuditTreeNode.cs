namespace Remedora.Storage;

/// <summary>
/// The address of a complete, aligned subtree of a tenant's audit Merkle tree: at <see cref="Level"/> <c>L</c> and
/// <see cref="Index"/> <c>i</c> it covers the leaves <c>i·2^L</c> to <c>(i+1)·2^L − 1</c> (a leaf is level 0, index
/// sequence − 1).
/// </summary>
/// <param name="Level">The height above the leaves (0 for a leaf).</param>
/// <param name="Index">The position among the nodes of that level, from 0.</param>
public readonly record struct AuditTreeNode(int Level, long Index);
