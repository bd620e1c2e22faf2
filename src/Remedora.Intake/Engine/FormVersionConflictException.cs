namespace Remedora.Intake.Engine;

/// <summary>A definition with the same URL and version as one already loaded has different content.</summary>
public sealed class FormVersionConflictException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.form_version_conflict";

    /// <summary>Initializes a new instance of the <see cref="FormVersionConflictException"/> class.</summary>
    /// <param name="form">The reference both definitions claim.</param>
    public FormVersionConflictException(FormVersionReference form)
        : base(ErrorCode, RemedoraErrorCategory.Conflict, $"A different definition of '{form}' is already loaded. A published version never changes: give the changed definition a new version.")
    {
        Form = form;
    }

    /// <summary>Gets the reference both definitions claim.</summary>
    public FormVersionReference Form { get; }
}
