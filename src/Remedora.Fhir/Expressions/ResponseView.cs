using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Intake;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Expressions;

/// <summary>
/// The current answers as a FHIR QuestionnaireResponse (FHIRPath <c>%resource</c>), built once per revision of the
/// answers, with its item nodes indexed by their path so item-level expressions find their <c>%context</c>.
/// </summary>
internal sealed class ResponseView
{
    private readonly Dictionary<string, PocoNode> _byPath = new(StringComparer.Ordinal);

    public ResponseView(ExpressionEvaluationContext context)
    {
        var response = ResponseMapping.ToQuestionnaireResponse(context.Response, null);
        Root = response.ToPocoNode();
        Index(Root, string.Empty);
    }

    public PocoNode Root { get; }

    public PocoNode? Find(IReadOnlyList<ItemPathSegment> segments)
    {
        var key = string.Empty;
        foreach (var segment in segments)
        {
            key = Key(key, segment.LinkId, segment.Occurrence);
        }

        return _byPath.GetValueOrDefault(key);
    }

    private void Index(PocoNode parent, string parentKey)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in Items(parent))
        {
            if (item.Poco is not QuestionnaireResponse.ItemComponent component)
            {
                continue;
            }

            var linkId = component.LinkId ?? string.Empty;
            var occurrence = counts.GetValueOrDefault(linkId);
            counts[linkId] = occurrence + 1;
            var key = Key(parentKey, linkId, occurrence);
            _byPath.TryAdd(key, item);
            Index(item, key);
            foreach (var answer in item.Child("answer") ?? Enumerable.Empty<PocoNode>())
            {
                Index(answer, key);
            }
        }
    }

    private static IEnumerable<PocoNode> Items(PocoNode node) => node.Child("item") ?? Enumerable.Empty<PocoNode>();

    private static string Key(string parent, string linkId, int occurrence) => $"{parent}/{linkId.Length}:{linkId}#{occurrence}";
}

/// <summary>Builds QuestionnaireResponse resources from <see cref="FormResponse"/>s.</summary>
internal static class ResponseMapping
{
    public static QuestionnaireResponse ToQuestionnaireResponse(FormResponse response, QuestionnaireResponse.QuestionnaireResponseStatus? status)
    {
        var qr = new QuestionnaireResponse
        {
            Questionnaire = response.Form.ToString(),
            Status = status ?? QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
        };
        foreach (var item in response.Items)
        {
            if (item is not null)
            {
                qr.Item.Add(ToItem(item));
            }
        }

        return qr;
    }

    private static QuestionnaireResponse.ItemComponent ToItem(ResponseItem item)
    {
        var component = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
        foreach (var answer in item.Answers ?? [])
        {
            // FHIR has no empty strings: an empty text answer (for example a calculated '') is no answer.
            if (answer?.Value is null or StringAnswer { Value.Length: 0 } or UriAnswer { Value.Length: 0 })
            {
                continue;
            }

            var a = new QuestionnaireResponse.AnswerComponent { Value = AnswerPoco.ToPoco(answer.Value) };
            foreach (var child in answer.Items ?? [])
            {
                if (child is not null)
                {
                    a.Item.Add(ToItem(child));
                }
            }

            component.Answer.Add(a);
        }

        foreach (var child in item.Items ?? [])
        {
            if (child is not null)
            {
                component.Item.Add(ToItem(child));
            }
        }

        return component;
    }
}
