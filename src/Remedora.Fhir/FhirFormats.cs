using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Remedora.Fhir;

/// <summary>Parses and writes FHIR R4 JSON and XML with the Firely SDK, turning its failures into <see cref="FhirFormatException"/>.</summary>
internal static class FhirFormats
{
    private static readonly FhirJsonDeserializer JsonDeserializer = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    public static T ParseJson<T>(string json, bool acceptFormatErrors = false)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Questionnaires.ItemNesting.FindTooDeepJson(json) is { } deep)
        {
            throw FhirFormatException.NestedTooDeep(typeof(T), "JSON", deep);
        }

        try
        {
            return Expect<T>(JsonDeserializer.Deserialize<Resource>(json), "JSON");
        }
        catch (DeserializationFailedException ex) when (acceptFormatErrors && ex.PartialResult is not null && ex.Exceptions.All(e => e.ErrorCode == "PVAL124"))
        {
            // Only format rules of literals are broken (an id with '_', a uri with '|'): every value was kept as written.
            return Expect<T>(ex.PartialResult as Resource, "JSON");
        }
        catch (DeserializationFailedException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "JSON", ex);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "JSON", ex);
        }
#pragma warning disable CA1031 // Any other failure of the parser is wrapped too: its message can quote the text.
        catch (Exception ex) when (ex is not (FhirFormatException or OutOfMemoryException))
#pragma warning restore CA1031
        {
            throw FhirFormatException.Invalid(typeof(T), "JSON", ex);
        }
    }

    public static T ParseXml<T>(string xml)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (Questionnaires.ItemNesting.FindTooDeepXml(xml) is { } deep)
        {
            throw FhirFormatException.NestedTooDeep(typeof(T), "XML", deep);
        }

        try
        {
            return Expect<T>(XmlDeserializer.Deserialize<Resource>(xml), "XML");
        }
        catch (DeserializationFailedException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "XML", ex);
        }
        catch (XmlException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "XML", ex);
        }
#pragma warning disable CA1031 // Any other failure of the parser is wrapped too: its message can quote the text.
        catch (Exception ex) when (ex is not (FhirFormatException or OutOfMemoryException))
#pragma warning restore CA1031
        {
            throw FhirFormatException.Invalid(typeof(T), "XML", ex);
        }
    }

    public static string ToJson(Base value, bool pretty = false) => FhirJsonSerializer.Default.SerializeToString(value, pretty);

    public static string ToXml(Base value, bool pretty = false) => FhirXmlSerializer.Default.SerializeToString(value, pretty);

    private static T Expect<T>(Resource? resource, string format)
        where T : Resource
        => resource as T ?? throw FhirFormatException.WrongType(typeof(T), resource?.TypeName, format);
}
