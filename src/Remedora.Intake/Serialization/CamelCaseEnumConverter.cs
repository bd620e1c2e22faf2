using System.Text.Json;
using System.Text.Json.Serialization;

namespace Remedora.Intake.Serialization;

/// <summary>Writes enum values as camelCase strings.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
