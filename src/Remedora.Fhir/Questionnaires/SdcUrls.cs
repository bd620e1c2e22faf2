namespace Remedora.Fhir.Questionnaires;

/// <summary>The canonical URLs of the core and SDC extensions the mapping interprets.</summary>
internal static class SdcUrls
{
    public const string Hidden = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden";
    public const string MinOccurs = "http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs";
    public const string MaxOccurs = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs";
    public const string MinLength = "http://hl7.org/fhir/StructureDefinition/minLength";
    public const string MinValue = "http://hl7.org/fhir/StructureDefinition/minValue";
    public const string MaxValue = "http://hl7.org/fhir/StructureDefinition/maxValue";
    public const string MaxDecimalPlaces = "http://hl7.org/fhir/StructureDefinition/maxDecimalPlaces";
    public const string Regex = "http://hl7.org/fhir/StructureDefinition/regex";
    public const string EntryFormat = "http://hl7.org/fhir/StructureDefinition/entryFormat";
    public const string Unit = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit";
    public const string UnitOption = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption";
    public const string UnitValueSet = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitValueSet";
    public const string MimeType = "http://hl7.org/fhir/StructureDefinition/mimeType";
    public const string MaxSize = "http://hl7.org/fhir/StructureDefinition/maxSize";
    public const string Variable = "http://hl7.org/fhir/StructureDefinition/variable";
    public const string OrdinalValue = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
    public const string ItemWeight = "http://hl7.org/fhir/StructureDefinition/itemWeight";
    public const string TargetConstraint = "http://hl7.org/fhir/StructureDefinition/targetConstraint";
    public const string CalculatedExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
    public const string EnableWhenExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
    public const string InitialExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-initialExpression";
    public const string AnswerExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-answerExpression";
    public const string CandidateExpression = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-candidateExpression";
    public const string LaunchContext = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-launchContext";
}
