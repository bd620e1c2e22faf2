namespace Remedora.Intake.Submissions;

/// <summary>Limits a submission's answers are held to before anything is stored.</summary>
public static class IntakeSubmissionLimits
{
    /// <summary>The most characters a string of the answers may have: FHIR R4's limit on the <c>string</c> datatype (1 MB, 1,048,576 characters).</summary>
    public const int MaxStringLength = 1_048_576;

    /// <summary>The validation problem code of a string in the answers longer than <see cref="MaxStringLength"/>.</summary>
    public const string StringTooLongCode = "string-too-long";

    /// <summary>Finds every string in the answers (linkIds, item texts, text answers and the parts of coded, quantity, attachment and reference answers) longer than <see cref="MaxStringLength"/>.</summary>
    /// <param name="response">The answers.</param>
    /// <returns>One problem per item path with an oversize string; never the string.</returns>
    internal static List<ValidationProblem> FindOversizeStrings(FormResponse response)
    {
        var problems = new List<ValidationProblem>();
        var pending = new Stack<(ResponseItem Item, string Path)>();
        void PushAll(IReadOnlyList<ResponseItem>? items, string? parent)
        {
            for (var i = (items?.Count ?? 0) - 1; i >= 0; i--)
            {
                if (items![i] is { } item)
                {
                    var linkId = item.LinkId is { Length: <= MaxStringLength } ? item.LinkId : $"#{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
                    pending.Push((item, parent is null ? $"item[{linkId}]" : $"{parent}.item[{linkId}]"));
                }
            }
        }

        PushAll(response.Items, null);
        while (pending.Count > 0)
        {
            var (item, path) = pending.Pop();
            if (TooLong(item.LinkId) || TooLong(item.Text))
            {
                problems.Add(Problem(path));
            }

            var answers = item.Answers ?? [];
            for (var a = 0; a < answers.Count; a++)
            {
                var answerPath = $"{path}.answer[{a.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                if (answers[a] is not { } answer)
                {
                    continue;
                }

                if (Strings(answer.Value).Any(TooLong))
                {
                    problems.Add(Problem(answerPath));
                }

                PushAll(answer.Items, answerPath);
            }

            PushAll(item.Items, path);
        }

        return problems;
    }

    private static ValidationProblem Problem(string path)
        => new(path, StringTooLongCode, "This answer is longer than the 1,048,576 characters a FHIR string may have.");

    private static bool TooLong(string? value) => value is { Length: > MaxStringLength };

    private static IEnumerable<string?> Strings(AnswerValue? value) => value switch
    {
        StringAnswer s => [s.Value],
        UriAnswer u => [u.Value],
        CodingAnswer c => [c.Value.System, c.Value.Code, c.Value.Display, c.Value.Version, .. (c.Extensions ?? []).Select(e => e.Url), .. (c.Extensions ?? []).Select(e => e.Json)],
        QuantityAnswer q => [q.Value.Unit, q.Value.System, q.Value.Code],
        AttachmentAnswer a => [a.Value.ContentType, a.Value.Url, a.Value.Hash, a.Value.Title, a.Value.Language],
        ReferenceAnswer r => [r.Value.Reference, r.Value.Type, r.Value.Display],
        _ => [],
    };
}
