namespace Remedora.CarePaths;

/// <summary>The JSON options the package reads events with: web defaults and enums as strings or numbers.</summary>
internal static class CarePathJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
