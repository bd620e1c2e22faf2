using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Remedora.Fhir;

/// <summary>Parses and writes FHIR R4 JSON and XML with the Firely SDK, turning its failures into <see cref="FhirFormatException"/>.</summary>
internal static class FhirFormats
{
    private static readonly FhirJsonDeserializer JsonDeserializer = new(new DeserializerSettings());
    private static readonly FhirXmlDeserializer XmlDeserializer = new(new DeserializerSettings());

    public static T ParseJson<T>(string json)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Expect<T>(JsonDeserializer.Deserialize<Resource>(json), "JSON");
        }
        catch (DeserializationFailedException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "JSON", ex);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw FhirFormatException.Invalid(typeof(T), "JSON", ex);
        }
    }

    public static T ParseXml<T>(string xml)
        where T : Resource
    {
        ArgumentNullException.ThrowIfNull(xml);
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
    }

    public static string ToJson(Base value, bool pretty = false) => FhirJsonSerializer.Default.SerializeToString(value, pretty);

    public static string ToXml(Base value, bool pretty = false) => FhirXmlSerializer.Default.SerializeToString(value, pretty);

    private static T Expect<T>(Resource? resource, string format)
        where T : Resource
        => resource as T ?? throw FhirFormatException.WrongType(typeof(T), resource?.TypeName, format);
}
