using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Remedora.Clinical;

namespace Remedora.Intake.Serialization;

/// <summary>Writes enum values as camelCase strings.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
