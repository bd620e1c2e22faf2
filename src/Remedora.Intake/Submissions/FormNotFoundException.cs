namespace Remedora.Intake.Submissions;

/// <summary>Answers name a form version the catalog does not have.</summary>
public sealed class FormNotFoundException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.form_not_found";

    /// <summary>Initializes a new instance of the <see cref="FormNotFoundException"/> class.</summary>
    /// <param name="form">The form version asked for.</param>
    public FormNotFoundException(FormVersionReference form)
        : base(ErrorCode, RemedoraErrorCategory.NotFound, $"The form '{form}' is not in the form catalog. Add the definition with AddIntake(o => o.AddForm(...)) or FormCatalog.Add before accepting answers to it.")
    {
        Form = form;
    }

    /// <summary>Gets the form version asked for.</summary>
    public FormVersionReference Form { get; }
}
