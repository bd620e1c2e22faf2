using System.Text.RegularExpressions;
using System.Diagnostics.CodeAnalysis;
using Hl7.Fhir.FhirPath;
using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Hl7.FhirPath.Expressions;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Expressions;

/// <summary>The FHIRPath evaluation context of one expression, with the engine's context for the SDC functions.</summary>
internal sealed class SdcEvaluationContext(ExpressionEvaluationContext context) : FhirEvaluationContext
{
    public ExpressionEvaluationContext Context { get; } = context;
}
