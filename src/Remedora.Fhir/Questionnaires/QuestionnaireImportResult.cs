using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>The form definition imported from a Questionnaire, and what could not be imported as it is.</summary>
public sealed class QuestionnaireImportResult
{
    internal QuestionnaireImportResult(FormDefinition definition, IReadOnlyList<QuestionnaireImportIssue> issues)
    {
        Definition = definition;
        Issues = issues;
    }

    /// <summary>Gets the form definition. Parts that could not be imported are kept as uninterpreted extensions, so they are exported again.</summary>
    public FormDefinition Definition { get; }

    /// <summary>Gets what could not be imported as it is, in document order.</summary>
    public IReadOnlyList<QuestionnaireImportIssue> Issues { get; }

    /// <summary>Gets a value indicating whether an issue means the form behaves differently from the Questionnaire.</summary>
    public bool HasErrors => Issues.Any(i => i.Severity == ImportIssueSeverity.Error);

    /// <summary>Throws when the form behaves differently from the Questionnaire.</summary>
    /// <returns>The definition.</returns>
    /// <exception cref="QuestionnaireImportException">At least one issue is an error.</exception>
    public FormDefinition GetDefinitionOrThrow() => HasErrors ? throw new QuestionnaireImportException(Definition.Reference, Issues) : Definition;

    /// <summary>Describes the counts only.</summary>
    /// <returns>For example <c>https://forms.example.org/phq-9|1.0.0: 0 errors, 1 warning</c>.</returns>
    public override string ToString()
        => $"{Definition.Reference}: {Issues.Count(i => i.Severity == ImportIssueSeverity.Error)} errors, {Issues.Count(i => i.Severity == ImportIssueSeverity.Warning)} warnings";
}
