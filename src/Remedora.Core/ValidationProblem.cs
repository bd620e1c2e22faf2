namespace Remedora;

/// <summary>One problem with an input.</summary>
/// <param name="Path">Where the problem is, for example <c>patient.birthDate</c> or <c>item[phq9-9].answer</c>.</param>
/// <param name="Code">A stable code, for example <c>required</c> or <c>max-length</c>.</param>
/// <param name="Message">What is wrong and how to fix it, without repeating the offending value.</param>
public sealed record ValidationProblem(string Path, string Code, string Message);
