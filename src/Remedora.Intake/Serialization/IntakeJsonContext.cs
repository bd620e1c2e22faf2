using System.Text.Json.Serialization;
using Remedora.Clinical;

namespace Remedora.Intake.Serialization;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters =
    [
        typeof(CamelCaseEnumConverter<FormItemType>),
        typeof(CamelCaseEnumConverter<FormStatus>),
        typeof(CamelCaseEnumConverter<EnableBehavior>),
        typeof(CamelCaseEnumConverter<ComparisonOperator>),
        typeof(CamelCaseEnumConverter<ConstraintSeverity>),
        typeof(CamelCaseEnumConverter<QuantityComparator>),
        typeof(CamelCaseEnumConverter<ValueSetConceptSource>),
        typeof(CamelCaseEnumConverter<ScoreMethod>),
        typeof(CamelCaseEnumConverter<RedFlagSeverity>),
        typeof(CamelCaseEnumConverter<RedFlagAction>),
    ])]
[JsonSerializable(typeof(FormDefinition))]
[JsonSerializable(typeof(FormResponse))]
internal sealed partial class IntakeJsonContext : JsonSerializerContext;
