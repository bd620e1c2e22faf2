using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// The Questionnaire each definition was imported from, exactly as imported (a private copy), so FHIRPath's
/// <c>%questionnaire</c> is the form the expressions were written against and not a re-export of the definition
/// (which writes an option's <c>itemWeight</c> as <c>ordinalValue</c>, for example). A definition that was not
/// imported here, or was changed after import (a <c>with</c> copy is another instance), has none.
/// </summary>
internal static class QuestionnaireSources
{
    private static readonly ConditionalWeakTable<FormDefinition, Questionnaire> Sources = new();

    public static void Remember(FormDefinition definition, Questionnaire source) => Sources.AddOrUpdate(definition, source);

    public static Questionnaire? Find(FormDefinition definition) => Sources.TryGetValue(definition, out var source) ? source : null;
}
