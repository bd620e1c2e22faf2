using Hl7.Fhir.FhirPath;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Expressions;

/// <summary>The FHIRPath evaluation context of one expression, with the engine's context for the SDC functions.</summary>
internal sealed class SdcEvaluationContext(ExpressionEvaluationContext context) : FhirEvaluationContext
{
    public ExpressionEvaluationContext Context { get; } = context;
}
