using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>A Questionnaire was imported with errors and the caller asked for a definition that behaves as the Questionnaire says.</summary>
public sealed class QuestionnaireImportException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.fhir.questionnaire_import_incomplete";

    /// <summary>Initializes a new instance of the <see cref="QuestionnaireImportException"/> class.</summary>
    /// <param name="form">The definition's reference.</param>
    /// <param name="issues">The issues, at least one an error.</param>
    public QuestionnaireImportException(FormVersionReference form, IReadOnlyList<QuestionnaireImportIssue> issues)
        : base(ErrorCode, RemedoraErrorCategory.Validation, BuildMessage(form, issues))
    {
        Form = form;
        Issues = issues;
    }

    /// <summary>Gets the definition's reference.</summary>
    public FormVersionReference Form { get; }

    /// <summary>Gets every issue.</summary>
    public IReadOnlyList<QuestionnaireImportIssue> Issues { get; }

    private static string BuildMessage(FormVersionReference form, IReadOnlyList<QuestionnaireImportIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(issues);
        var errors = issues.Where(i => i.Severity == ImportIssueSeverity.Error).ToList();
        var first = errors.FirstOrDefault() ?? throw new ArgumentException("An import failure needs at least one error.", nameof(issues));
        return $"The Questionnaire '{form}' cannot be used as it is: {first.Path}: {first.Message} [{first.Code}]{(errors.Count > 1 ? $" (and {errors.Count - 1} more)" : string.Empty)}. Fix the Questionnaire, or use QuestionnaireImportResult.Definition knowingly.";
    }
}
