using System.Text.Json;

namespace Remedora.Audit.Proofs;

/// <summary>The JSON form of a proof's audit path, shared by the inclusion and consistency proofs.</summary>
internal static class ProofJson
{
    /// <summary>Writes the path as the array <c>path</c> of lowercase hex hashes.</summary>
    public static void WritePath(Utf8JsonWriter writer, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        writer.WriteStartArray("path");
        foreach (var hash in path)
        {
            writer.WriteStringValue(Convert.ToHexStringLower(hash.Span));
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads the array <c>path</c> written by <see cref="WritePath"/>.</summary>
    public static ReadOnlyMemory<byte>[] ReadPath(JsonElement root)
        => [.. root.GetProperty("path").EnumerateArray().Select(e => (ReadOnlyMemory<byte>)Convert.FromHexString(e.GetString() ?? string.Empty))];
}
