namespace Remedora;

/// <summary>The input is invalid. <see cref="Problems"/> lists every issue found, not just the first.</summary>
public sealed class ValidationFailedException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="ValidationFailedException"/> class.</summary>
    /// <param name="problems">The problems; at least one.</param>
    public ValidationFailedException(IReadOnlyList<ValidationProblem> problems)
        : base(RemedoraErrorCodes.ValidationFailed, RemedoraErrorCategory.Validation, BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, each with the path of the offending value, a stable code and a message.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A validation failure needs at least one problem.", nameof(problems));
        }

        var first = problems[0];
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"The input is invalid: {first.Path}: {first.Message} [{first.Code}]{more}.";
    }
}
