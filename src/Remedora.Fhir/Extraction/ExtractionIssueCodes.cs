namespace Remedora.Fhir.Extraction;

/// <summary>The stable codes of <see cref="ExtractionIssue"/>s.</summary>
public static class ExtractionIssueCodes
{
    /// <summary>An item's <c>definition</c> points into a resource, but no enclosing item (or the Questionnaire) says which resource to extract (<c>sdc-questionnaire-definitionExtract</c>); it is not extracted.</summary>
    public const string NoContext = "no-extraction-context";

    /// <summary>The resource type of a <c>definitionExtract</c> is not one the extractor supports (Observation, Condition, AllergyIntolerance, Patient, RelatedPerson), or a profile.</summary>
    public const string ResourceTypeUnsupported = "resource-type-unsupported";

    /// <summary>An element path of a <c>definition</c> is not an element of the resource (or names a slice, which needs the profile); it is not extracted.</summary>
    public const string ElementUnknown = "element-unknown";

    /// <summary>An answer's type cannot be written into the element the item points to (or into Observation.value[x]); it is not extracted.</summary>
    public const string AnswerTypeNotExtractable = "answer-type-not-extractable";

    /// <summary>An element that holds one value got a second one; the first is kept.</summary>
    public const string ElementRepeats = "element-repeats";

    /// <summary>An expression of the extraction metadata (<c>definitionExtractValue.expression</c>, <c>fullUrl</c>, ...) is not evaluated; the value is not extracted.</summary>
    public const string ExpressionNotSupported = "expression-not-supported";

    /// <summary><c>observationExtract</c> with a relationship code (<c>member</c>, <c>component</c>): only independent Observations (<c>true</c>) are extracted.</summary>
    public const string RelationshipNotSupported = "relationship-not-supported";

    /// <summary>An extraction expression failed to evaluate; its element is not extracted.</summary>
    public const string ExpressionFailed = "expression-failed";

    /// <summary>An extracted resource is not valid FHIR R4 JSON (for example a value of the wrong type for its element); it is left out.</summary>
    public const string ResourceInvalid = "resource-invalid";
}
