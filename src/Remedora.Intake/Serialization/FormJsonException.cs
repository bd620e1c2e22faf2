using System.ComponentModel;

namespace Remedora.Intake.Serialization;

/// <summary>
/// JSON text is not a valid form definition or response. The message says what was wrong and where (a JSON path, and
/// the line and position when the reader knows them); it never contains a value of the input, since the values may be
/// a patient's answers, and it carries no inner exception for the same reason.
/// </summary>
public sealed class FormJsonException : RemedoraException
{
    /// <summary>The stable error code.</summary>
    public const string ErrorCode = "remedora.intake.invalid_json";

    /// <summary>Initializes a new instance of the <see cref="FormJsonException"/> class.</summary>
    /// <param name="what">What was being read, for example <c>form definition</c>.</param>
    /// <param name="path">The JSON path of the problem, for example <c>$.items[0].answers[0].value</c>.</param>
    /// <param name="line">The 0-based line of the problem, when known.</param>
    /// <param name="bytePositionInLine">The 0-based byte position of the problem in its line, when known.</param>
    /// <param name="problem">What is wrong, without any value of the input, for example <c>a required property is missing</c>.</param>
    public FormJsonException(string what, string? path, long? line, long? bytePositionInLine, string problem)
        : base(ErrorCode, RemedoraErrorCategory.Validation, Describe(what, path, line, bytePositionInLine, problem))
    {
        JsonPath = path ?? "$";
        LineNumber = line;
        BytePositionInLine = bytePositionInLine;
        Problem = problem;
    }

    /// <summary>Initializes a new instance of the <see cref="FormJsonException"/> class.</summary>
    /// <param name="what">What was being read, for example <c>form definition</c>.</param>
    /// <param name="path">The JSON path of the problem.</param>
    /// <param name="line">The 0-based line of the problem.</param>
    /// <param name="innerException">The reader's exception; it must not carry values of the input.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public FormJsonException(string what, string? path, long? line, Exception? innerException)
        : base(ErrorCode, RemedoraErrorCategory.Validation, Describe(what, path, line, null, GenericProblem), innerException)
    {
        JsonPath = path ?? "$";
        LineNumber = line;
        Problem = GenericProblem;
    }

    /// <summary>Gets the JSON path of the problem (<c>$</c> for the whole document).</summary>
    public string? JsonPath { get; }

    /// <summary>Gets the 0-based line of the problem, when known.</summary>
    public long? LineNumber { get; }

    /// <summary>Gets the 0-based byte position of the problem in its line, when known.</summary>
    public long? BytePositionInLine { get; }

    /// <summary>Gets what is wrong, in words that never contain a value of the input.</summary>
    public string Problem { get; }

    private const string GenericProblem = "a property has the wrong name, type or value";

    private static string Describe(string what, string? path, long? line, long? bytePositionInLine, string problem)
    {
        var where = line is { } l
            ? bytePositionInLine is { } p ? $" (line {l + 1}, position {p + 1})" : $" (line {l + 1})"
            : string.Empty;
        return $"The JSON is not a valid {what}: {problem} at {path ?? "$"}{where}. Check that property's name, type and required values.";
    }
}
