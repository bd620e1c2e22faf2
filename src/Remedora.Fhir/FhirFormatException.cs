using System.Xml;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Remedora.Intake;

namespace Remedora.Fhir;

/// <summary>
/// Text is not the FHIR R4 resource expected, in JSON or XML. The exception carries no part of the text: the parser's
/// exception (whose message can quote answers) is never kept as an inner exception; <see cref="Errors"/> gives where and
/// which rule, without values.
/// </summary>
public sealed class FhirFormatException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.invalid_format";

    /// <summary>The <see cref="FhirFormatError.Code"/> of text that is not well-formed JSON.</summary>
    public const string JsonSyntaxCode = "json-syntax";

    /// <summary>The <see cref="FhirFormatError.Code"/> of text that is not well-formed XML.</summary>
    public const string XmlSyntaxCode = "xml-syntax";

    /// <summary>The <see cref="FhirFormatError.Code"/> of items nested deeper than <see cref="FormDefinition.MaxItemDepth"/>.</summary>
    public const string NestingTooDeepCode = "item-nesting-too-deep";

    /// <summary>Initializes a new instance of the <see cref="FhirFormatException"/> class.</summary>
    /// <param name="message">What was wrong and what to do.</param>
    /// <param name="innerException">An exception to keep; the SDK never passes one, since a parser's exception can quote the text.</param>
    public FhirFormatException(string message, Exception? innerException = null)
        : base(ErrorCode, RemedoraErrorCategory.Validation, message, innerException)
    {
        Errors = [];
    }

    /// <summary>Initializes a new instance of the <see cref="FhirFormatException"/> class with the problems found.</summary>
    /// <param name="message">What was wrong and what to do; no values of the text.</param>
    /// <param name="errors">Where each problem is and which rule it breaks.</param>
    public FhirFormatException(string message, IReadOnlyList<FhirFormatError> errors)
        : base(ErrorCode, RemedoraErrorCategory.Validation, message)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Errors = errors;
    }

    /// <summary>Gets the problems found: path and code each, never a value.</summary>
    public IReadOnlyList<FhirFormatError> Errors { get; }

    internal static FhirFormatException Invalid(Type expected, string format, Exception parserException)
    {
        // The parser's messages (and its exception's inner exceptions) can quote values of the resource: only paths and
        // codes are taken from it, and the exception itself is dropped.
        var errors = ErrorsOf(parserException);
        var first = errors.Count == 0 ? string.Empty : $"; first at {errors[0].Path} ({errors[0].Code})";
        var codes = string.Join(", ", errors.Select(e => e.Code).Distinct(StringComparer.Ordinal).Take(5));
        return new(
            $"The {format} text is not a valid FHIR R4 {expected.Name} ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}, codes {codes}{first}). Check it against the FHIR R4 {format} format.",
            errors);
    }

    internal static FhirFormatException NestedTooDeep(Type expected, string format, string path)
        => new(
            $"The {format} text's items are nested deeper than {FormDefinition.MaxItemDepth} levels (at {path}), the limit of import, export and the form engine; it is not read. Flatten the {expected.Name}'s items.",
            [new FhirFormatError(path, NestingTooDeepCode)]);

    internal static FhirFormatException AnswersNestedTooDeep(string path)
        => new(
            $"The answers' items are nested deeper than {FormDefinition.MaxItemDepth} levels (at {path}), the limit of import, export and the form engine; they are not exported. Export the response the engine kept (FormEvaluation.Response).",
            [new FhirFormatError(path, NestingTooDeepCode)]);

    internal static FhirFormatException WrongType(Type expected, string? actual, string format)
        => new($"The {format} text is a FHIR {actual ?? "resource of no known type"}, not a {expected.Name}. Pass a {expected.Name}.", (Exception?)null);

    private static List<FhirFormatError> ErrorsOf(Exception exception)
    {
        var errors = new List<FhirFormatError>();
        switch (exception)
        {
            case DeserializationFailedException failed:
                foreach (var e in failed.Exceptions)
                {
                    var path = e is ExtendedCodedException extended && !string.IsNullOrEmpty(extended.InstancePath) ? extended.InstancePath : "$";
                    errors.Add(new FhirFormatError(path, string.IsNullOrEmpty(e.ErrorCode) ? e.GetType().Name : e.ErrorCode));
                }

                break;
            case System.Text.Json.JsonException json:
                errors.Add(new FhirFormatError(JsonPath(json), JsonSyntaxCode));
                break;
            case XmlException xml:
                errors.Add(new FhirFormatError($"line {xml.LineNumber}, position {xml.LinePosition}", XmlSyntaxCode));
                break;
            default:
                errors.Add(new FhirFormatError("$", exception.GetType().Name));
                break;
        }

        return errors;
    }

    private static string JsonPath(System.Text.Json.JsonException json)
    {
        // A JSON path names properties and indexes only; a property name with a quote or a bracket is cut off there.
        var path = json.Path ?? "$";
        var cut = path.IndexOfAny(['\'', '"']);
        var where = cut < 0 ? path : path[..cut];
        return json.LineNumber is { } line ? $"{where} (line {line + 1})" : where;
    }
}
