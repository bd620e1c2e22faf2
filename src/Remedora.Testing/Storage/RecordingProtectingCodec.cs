using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <summary>
/// A stand-in for an encrypting codec: it stores documents as Base64 of their JSON behind a prefix and replaces the
/// values of protected indexes by a keyed hash, counting what it does, so the suite can tell that a provider stores
/// what the codec produces.
/// </summary>
internal sealed class RecordingProtectingCodec : IDocumentCodec
{
    private const string Prefix = "protected:";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("remedora-conformance-blind-index-key");
    private readonly JsonDocumentCodec _json = new();
    private int _encoded;
    private int _decoded;

    public int Encoded => Volatile.Read(ref _encoded);

    public int Decoded => Volatile.Read(ref _decoded);

    public ConcurrentDictionary<string, bool> BlindIndexedSet { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> BlindIndexed => BlindIndexedSet.Keys.ToArray();

    public string Encode(DocumentCollection collection, object document)
    {
        Interlocked.Increment(ref _encoded);
        return Prefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(_json.Encode(collection, document)));
    }

    public object Decode(DocumentCollection collection, string data)
    {
        Interlocked.Increment(ref _decoded);
        if (!data.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The provider returned text that this codec did not produce.");
        }

        return _json.Decode(collection, Encoding.UTF8.GetString(Convert.FromBase64String(data[Prefix.Length..])));
    }

    public object? EncodeIndexValue(DocumentCollection collection, DocumentIndex index, object? value)
    {
        if (!index.IsProtected || value is null)
        {
            return value;
        }

        BlindIndexedSet[index.Name] = true;
        return Convert.ToHexStringLower(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes((string)value)));
    }
}
