namespace Remedora.Intake.Engine;

/// <summary>A form definition cannot be loaded. <see cref="Issues"/> lists every problem found.</summary>
public sealed class FormDefinitionException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.form_definition_invalid";

    /// <summary>Initializes a new instance of the <see cref="FormDefinitionException"/> class.</summary>
    /// <param name="form">The definition's reference.</param>
    /// <param name="issues">The issues; at least one is an error.</param>
    public FormDefinitionException(FormVersionReference form, IReadOnlyList<FormDefinitionIssue> issues)
        : base(ErrorCode, RemedoraErrorCategory.Validation, BuildMessage(form, issues))
    {
        Form = form;
        Issues = issues;
    }

    /// <summary>Gets the definition's reference.</summary>
    public FormVersionReference Form { get; }

    /// <summary>Gets every issue found, errors and warnings.</summary>
    public IReadOnlyList<FormDefinitionIssue> Issues { get; }

    private static string BuildMessage(FormVersionReference form, IReadOnlyList<FormDefinitionIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(issues);
        var errors = issues.Where(i => i.Severity == FormIssueSeverity.Error).ToList();
        if (errors.Count == 0)
        {
            throw new ArgumentException("A form definition failure needs at least one error.", nameof(issues));
        }

        var first = errors[0];
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more error{(errors.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"The form definition '{form}' cannot be loaded: {first.Path}: {first.Message} [{first.Code}]{more}. Fix the definition and publish it as a new version.";
    }
}
