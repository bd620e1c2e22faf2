using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Compliance.Classification;

namespace Remedora.Storage.Protection;

/// <summary>
/// An <see cref="IDocumentCodec"/> that encrypts every property marked PHI (<see cref="PhiAttribute"/>, or any data
/// classification equal to <see cref="RemedoraTaxonomy.Phi"/>) with AES-256-GCM, and replaces the values of protected
/// indexes by keyed blind indexes (HMAC-SHA256), so equality lookups such as "the patient with this email" keep working
/// while the database holds neither the value nor a plain hash of it.
/// </summary>
/// <remarks>
/// <para>Each PHI property is serialised on its own (a nested object or list as one value), encrypted, and stored as a
/// protected string (<see cref="PhiCipher"/>) whose associated data is the collection, the declaring type and the
/// property, so a ciphertext moved to another field or collection does not decrypt. A null PHI value stays null.</para>
/// <para>Documents written before protection was turned on still read: a PHI property that holds a plain value is read
/// as is, and the next write (or <see cref="PhiReencryptor"/>) encrypts it.</para>
/// </remarks>
public sealed class ProtectedDocumentCodec : IDocumentCodec
{
    private const string BlindIndexPrefix = "bi1.";
    private const int BlindIndexBytes = 16;

    private readonly PhiCipher _cipher;
    private readonly IPhiKeyProvider _keys;
    private readonly JsonSerializerOptions _plain;
    private readonly ConcurrentDictionary<string, JsonSerializerOptions> _protectedByCollection = new(StringComparer.Ordinal);

    /// <summary>Initializes a new instance of the <see cref="ProtectedDocumentCodec"/> class.</summary>
    /// <param name="keys">The keys.</param>
    /// <param name="options">The serializer options; the default is <see cref="JsonDocumentCodec.CreateDefaultOptions"/>.</param>
    public ProtectedDocumentCodec(IPhiKeyProvider keys, JsonSerializerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _cipher = new PhiCipher(keys);
        _plain = new JsonSerializerOptions(options ?? JsonDocumentCodec.CreateDefaultOptions());
        _plain.TypeInfoResolver ??= new DefaultJsonTypeInfoResolver();
        _plain.MakeReadOnly();
    }

    /// <summary>Determines whether a type has properties marked PHI, directly or in nested types.</summary>
    /// <param name="type">The document type.</param>
    /// <returns><see langword="true"/> when any property it serialises is marked PHI.</returns>
    public static bool HasPhi(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return HasPhi(type, []);
    }

    /// <inheritdoc/>
    public string Encode(DocumentCollection collection, object document)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return JsonSerializer.Serialize(document, collection.DocumentType, OptionsFor(collection));
    }

    /// <inheritdoc/>
    public object Decode(DocumentCollection collection, string data)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return JsonSerializer.Deserialize(data, collection.DocumentType, OptionsFor(collection))
            ?? throw new InvalidOperationException($"A stored {collection.ResourceType} document is empty.");
    }

    /// <inheritdoc/>
    public object? EncodeIndexValue(DocumentCollection collection, DocumentIndex index, object? value)
    {
        ArgumentNullException.ThrowIfNull(collection);
        ArgumentNullException.ThrowIfNull(index);
        if (!index.IsProtected || value is not string text)
        {
            return value;
        }

        var input = Encoding.UTF8.GetBytes($"{collection.Name}\0{index.Name}\0{text}");
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_keys.BlindIndexKey.Span, input, mac);
        return BlindIndexPrefix + System.Buffers.Text.Base64Url.EncodeToString(mac[..BlindIndexBytes]);
    }

    /// <inheritdoc/>
    public string EncodePayload(TenantId tenantId, string queue, string? messageType, string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return PhiCipher.IsProtected(payload) ? payload : _cipher.Protect(payload, PayloadContext(tenantId, queue, messageType));
    }

    /// <inheritdoc/>
    public string DecodePayload(TenantId tenantId, string queue, string? messageType, string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return PhiCipher.IsProtected(stored) ? _cipher.UnprotectText(stored, PayloadContext(tenantId, queue, messageType)) : stored;
    }

    /// <inheritdoc/>
    public AuditEvent EncodeAuditEvent(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (auditEvent.BreakGlassReason is null && auditEvent.Detail is null && auditEvent.Disclosure is null)
        {
            return auditEvent;
        }

        var tenant = auditEvent.TenantId;
        var disclosure = auditEvent.Disclosure;
        return auditEvent with
        {
            BreakGlassReason = ProtectAuditText(tenant, "breakGlass", auditEvent.BreakGlassReason),
            Detail = ProtectAuditText(tenant, "detail", auditEvent.Detail),
            Disclosure = disclosure is null ? null : disclosure with { Description = ProtectAuditText(tenant, "disclosure.description", disclosure.Description)! },
        };
    }

    /// <inheritdoc/>
    public bool TryDecodeAuditEvent(AuditEvent auditEvent, out AuditEvent decoded)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (!PhiCipher.IsProtected(auditEvent.BreakGlassReason) && !PhiCipher.IsProtected(auditEvent.Detail) && !PhiCipher.IsProtected(auditEvent.Disclosure?.Description))
        {
            decoded = auditEvent;
            return true;
        }

        var ok = true;
        var tenant = auditEvent.TenantId;
        var disclosure = auditEvent.Disclosure;
        decoded = auditEvent with
        {
            BreakGlassReason = RevealAuditText(tenant, "breakGlass", auditEvent.BreakGlassReason, ref ok),
            Detail = RevealAuditText(tenant, "detail", auditEvent.Detail, ref ok),
            Disclosure = disclosure is null ? null : disclosure with { Description = RevealAuditText(tenant, "disclosure.description", disclosure.Description, ref ok)! },
        };
        return ok;
    }

    private static string PayloadContext(TenantId tenantId, string queue, string? messageType)
        => $"remedora.queue/1|{tenantId.Value}|{queue}|{messageType}";

    private static string AuditContext(TenantId tenantId, string field) => $"remedora.audit/1|{tenantId.Value}|{field}";

    private string? ProtectAuditText(TenantId tenantId, string field, string? value)
        => value is null || PhiCipher.IsProtected(value) ? value : _cipher.Protect(value, AuditContext(tenantId, field));

    private string? RevealAuditText(TenantId tenantId, string field, string? value, ref bool ok)
    {
        if (!PhiCipher.IsProtected(value))
        {
            return value;
        }

        try
        {
            return _cipher.UnprotectText(value!, AuditContext(tenantId, field));
        }
        catch (PhiDecryptionException)
        {
            // Left in its stored, protected form: the reader learns that a value is there, not what it says.
            ok = false;
            return value;
        }
    }

    private JsonSerializerOptions OptionsFor(DocumentCollection collection)
        => _protectedByCollection.GetOrAdd(collection.Name, name =>
        {
            var options = new JsonSerializerOptions(_plain)
            {
                TypeInfoResolver = _plain.TypeInfoResolver!.WithAddedModifier(info => ProtectPhiProperties(name, info)),
            };
            options.MakeReadOnly();
            return options;
        });

    private void ProtectPhiProperties(string collectionName, JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            if (!IsPhi(property.AttributeProvider))
            {
                continue;
            }

            var context = Encoding.UTF8.GetBytes($"remedora.phi/1|{collectionName}|{info.Type.FullName}.{property.Name}");
            var converterType = typeof(PhiPropertyConverter<>).MakeGenericType(property.PropertyType);
            property.CustomConverter = (JsonConverter)Activator.CreateInstance(converterType, _cipher, _plain, context)!;
        }
    }

    private static bool IsPhi(System.Reflection.ICustomAttributeProvider? provider)
        => provider is not null && provider.GetCustomAttributes(typeof(DataClassificationAttribute), inherit: true)
            .OfType<DataClassificationAttribute>()
            .Any(a => a.Classification == RemedoraTaxonomy.Phi);

    private static bool HasPhi(Type type, HashSet<Type> seen)
    {
        if (type.IsPrimitive || type == typeof(string) || !seen.Add(type))
        {
            return false;
        }

        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (IsPhi(property))
            {
                return true;
            }

            if (ElementOf(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) is { } element && HasPhi(element, seen))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets the type whose properties a value of <paramref name="type"/> serialises: itself, or a collection's element; null for ids and framework types.</summary>
    private static Type? ElementOf(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        if (enumerable is not null && type != typeof(string))
        {
            return enumerable.GetGenericArguments()[0] is var item && item.IsGenericType && item.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
                ? item.GetGenericArguments()[1]
                : item;
        }

        return type.IsGenericType || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true ? null : type;
    }

    /// <summary>Writes a PHI property as a protected string and reads it back (or reads a plain legacy value).</summary>
    private sealed class PhiPropertyConverter<T>(PhiCipher cipher, JsonSerializerOptions plain, byte[] context) : JsonConverter<T>
    {
        public override bool HandleNull => true;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return default;
            }

            if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.StartsWith("$phi1."u8))
            {
                var plaintext = cipher.Unprotect(reader.GetString()!, context);
                return JsonSerializer.Deserialize<T>(plaintext, plain);
            }

            return JsonSerializer.Deserialize<T>(ref reader, plain);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            writer.WriteStringValue(cipher.Protect(JsonSerializer.SerializeToUtf8Bytes(value, plain), context));
        }
    }
}
