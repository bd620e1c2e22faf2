using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Remedora.Storage.Protection;

namespace Remedora.Storage;

/// <summary>
/// Seals the page positions that an entry point hands to an actor into opaque continuation tokens: AES-256-GCM over
/// the position, bound to the tenant, the actor (user id, role, patient or practitioner), the entry point's scope
/// (for example the collection) and the query (its conditions, order and page size). A token replayed by another
/// actor or on another query, altered, truncated or forged is refused with <see cref="InvalidContinuationTokenException"/>;
/// a token reveals nothing of the position, not even of records the actor may not see.
/// </summary>
/// <remarks>
/// <para>The key is derived (HKDF-SHA256) from a secret every host instance shares, so tokens work across stateless
/// instances and restarts: <see cref="ContinuationTokenOptions.Secret"/> when the host sets it, otherwise the
/// blind-index key of the <see cref="IPhiKeyProvider"/> when PHI protection is configured, otherwise a random
/// per-process key (logged at start: tokens then do not survive a restart or cross instances).</para>
/// <para>Storage-session tokens (<see cref="IStorageSession.QueryAsync{T}"/>) are provider positions for packages'
/// internal paging; only sealed tokens leave the SDK's public entry points.</para>
/// </remarks>
public sealed partial class ContinuationTokenProtector
{
    /// <summary>The shortest secret accepted, in bytes.</summary>
    public const int MinimumSecretLength = 32;

    private const byte FormatVersion = 1;
    private const int NonceLength = 12;
    private const int TagLength = 16;
    private const int PaddingBlock = 32;
    private static readonly byte[] KeyInfo = Encoding.UTF8.GetBytes("remedora.continuation-token.v1");
    private static readonly Lazy<ContinuationTokenProtector> ProcessLocal = new(() => new ContinuationTokenProtector(RandomNumberGenerator.GetBytes(MinimumSecretLength), isEphemeral: true));

    private readonly byte[] _key;

    /// <summary>Initializes a new instance of the <see cref="ContinuationTokenProtector"/> class from a secret every host instance shares.</summary>
    /// <param name="secret">At least <see cref="MinimumSecretLength"/> random bytes.</param>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinimumSecretLength"/> bytes.</exception>
    public ContinuationTokenProtector(ReadOnlySpan<byte> secret)
        : this(secret, isEphemeral: false)
    {
    }

    private ContinuationTokenProtector(ReadOnlySpan<byte> secret, bool isEphemeral)
    {
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException($"A continuation token secret needs at least {MinimumSecretLength} random bytes.", nameof(secret));
        }

        _key = new byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, _key, salt: [], info: KeyInfo);
        IsEphemeral = isEphemeral;
    }

    /// <summary>Gets a value indicating whether the key is random to this process (tokens do not survive a restart or cross host instances).</summary>
    public bool IsEphemeral { get; }

    /// <summary>Creates a protector with a random key of this process only, for tests and single-process tools.</summary>
    /// <returns>The protector; its tokens do not survive a restart or cross host instances.</returns>
    public static ContinuationTokenProtector CreateEphemeral() => new(RandomNumberGenerator.GetBytes(MinimumSecretLength), isEphemeral: true);

    /// <summary>
    /// Creates the protector of a host: from <see cref="ContinuationTokenOptions.Secret"/> when set, otherwise from the
    /// PHI key provider's blind-index key, otherwise with a random per-process key (and a warning in the log).
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="phiKeys">The PHI key provider, when PHI protection is configured.</param>
    /// <param name="logger">The logger; it says which key source is used, never the key.</param>
    /// <returns>The protector.</returns>
    /// <exception cref="ArgumentException">The configured secret is too short.</exception>
    public static ContinuationTokenProtector Create(ContinuationTokenOptions options, IPhiKeyProvider? phiKeys = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        logger ??= NullLogger.Instance;
        if (options.Secret is { } secret)
        {
            KeySource(logger, "ContinuationTokenOptions.Secret");
            return new ContinuationTokenProtector(secret);
        }

        if (phiKeys is not null)
        {
            KeySource(logger, "the PHI blind-index key");
            return new ContinuationTokenProtector(phiKeys.BlindIndexKey.Span);
        }

        EphemeralKey(logger);
        return CreateEphemeral();
    }

    /// <summary>Seals a page position for an actor.</summary>
    /// <param name="actor">The actor the token is handed to.</param>
    /// <param name="scope">The entry point and what it pages, for example <c>records:care-cases</c>.</param>
    /// <param name="query">A canonical description of the query (conditions, order, page size); only its hash is bound, it is not stored in the token.</param>
    /// <param name="position">The provider position of the next page, or <see langword="null"/> on the last page.</param>
    /// <returns>The sealed token, or <see langword="null"/> when <paramref name="position"/> is <see langword="null"/>.</returns>
    public string? Protect(ActorContext actor, string scope, string query, string? position)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(query);
        if (position is null)
        {
            return null;
        }

        var text = Encoding.UTF8.GetBytes(position);
        var padded = new byte[((text.Length + 4 + PaddingBlock - 1) / PaddingBlock) * PaddingBlock];
        BinaryPrimitives.WriteInt32BigEndian(padded, text.Length);
        text.CopyTo(padded.AsSpan(4));
        var token = new byte[1 + NonceLength + padded.Length + TagLength];
        token[0] = FormatVersion;
        var nonce = token.AsSpan(1, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagLength);
        aes.Encrypt(nonce, padded, token.AsSpan(1 + NonceLength, padded.Length), token.AsSpan(1 + NonceLength + padded.Length), Binding(actor, scope, query));
        return Base64Url.EncodeToString(token);
    }

    /// <summary>Opens a token that <see cref="Protect"/> sealed for the same actor, scope and query.</summary>
    /// <param name="actor">The actor who presents the token.</param>
    /// <param name="scope">The entry point and what it pages.</param>
    /// <param name="query">The canonical description of the query the token is presented with.</param>
    /// <param name="token">The token, or <see langword="null"/> for the first page.</param>
    /// <returns>The provider position, or <see langword="null"/> when <paramref name="token"/> is <see langword="null"/>.</returns>
    /// <exception cref="InvalidContinuationTokenException">The token was not sealed by this key for this actor, scope and query, or was altered.</exception>
    public string? Unprotect(ActorContext actor, string scope, string query, string? token)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(query);
        if (token is null)
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw new InvalidContinuationTokenException();
        }

        var cipherLength = bytes.Length - 1 - NonceLength - TagLength;
        if (cipherLength < PaddingBlock || cipherLength % PaddingBlock != 0 || bytes[0] != FormatVersion)
        {
            throw new InvalidContinuationTokenException();
        }

        var plain = new byte[cipherLength];
        try
        {
            using var aes = new AesGcm(_key, TagLength);
            aes.Decrypt(bytes.AsSpan(1, NonceLength), bytes.AsSpan(1 + NonceLength, cipherLength), bytes.AsSpan(1 + NonceLength + cipherLength), plain, Binding(actor, scope, query));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new InvalidContinuationTokenException();
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(plain);
        if (length < 0 || length > cipherLength - 4)
        {
            throw new InvalidContinuationTokenException();
        }

        return Encoding.UTF8.GetString(plain, 4, length);
    }

    internal static ContinuationTokenProtector Shared => ProcessLocal.Value;

    private static byte[] Binding(ActorContext actor, string scope, string query)
    {
        var text = string.Join(
            '\n',
            "remedora.continuation-token.v1",
            actor.TenantId.ToString(),
            actor.UserId,
            actor.Role.ToString(),
            actor.PatientId?.ToString() ?? "-",
            actor.PractitionerId?.ToString() ?? "-",
            scope,
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(query))));
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Continuation tokens are sealed with a key derived from {Source}")]
    private static partial void KeySource(ILogger logger, string source);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Continuation tokens are sealed with a random key of this process: they will not survive a restart and will not work across host instances. Set ContinuationTokenOptions.Secret (the same on every instance) or configure PHI protection")]
    private static partial void EphemeralKey(ILogger logger);
}
