using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Expressions;

namespace Remedora.Fhir.Expressions;

/// <summary>
/// The current answers as a FHIR QuestionnaireResponse (FHIRPath <c>%resource</c>), built once per revision of the
/// answers, with its item nodes indexed by their path so item-level expressions find their <c>%context</c>. A coded
/// answer keeps the extensions it arrived with; when it brings no score of its own, the score of the option it was
/// chosen from is on its <c>valueCoding</c> as that option carries it (<c>ordinalValue</c> or <c>itemWeight</c>), as
/// LHC-Forms does, so <c>answer.valueCoding.extension(...)</c> reads the option's score.
/// </summary>
internal sealed class ResponseView
{
    private readonly Dictionary<string, PocoNode> _byPath = new(StringComparer.Ordinal);
    private readonly HashSet<Extension> _addedScores = new(ReferenceEqualityComparer.Instance);

    public ResponseView(ExpressionEvaluationContext context, Func<string, Coding, IReadOnlyList<Extension>?> optionScores)
    {
        var response = ResponseMapping.ToQuestionnaireResponse(context.Response, null, (linkId, coding) =>
        {
            var added = optionScores(linkId, coding) is { Count: > 0 } fromOption
                ? fromOption.Select(e => (Extension)e.DeepCopy()).ToList()

                // An option or value-set concept the Questionnaire does not hold as an extension (a definition built in C#).
                : AnswerPoco.FromPoco(coding) is { } value && context.OptionScore(linkId, value) is { } score
                    ? [new Extension(SdcUrls.OrdinalValue, new FhirDecimal(score))]
                    : null;
            foreach (var extension in added ?? [])
            {
                _addedScores.Add(extension);
            }

            return added;
        });
        Root = response.ToPocoNode();
        Index(Root, string.Empty);
    }

    public PocoNode Root { get; }

    /// <summary>A result as an answer value, without the option scores this view added to coded answers (an answer's own extensions stay).</summary>
    public AnswerValue? ToAnswer(Base poco)
    {
        if (poco is Coding coding && _addedScores.Count > 0 && coding.Extension.Any(_addedScores.Contains))
        {
            var copy = (Coding)coding.DeepCopy();
            copy.Extension = coding.Extension.Where(e => !_addedScores.Contains(e)).Select(e => (Extension)e.DeepCopy()).ToList();
            return AnswerPoco.FromPoco(copy);
        }

        return AnswerPoco.FromPoco(poco);
    }

    public PocoNode? Find(IReadOnlyList<ItemPathSegment> segments)
    {
        var key = string.Empty;
        foreach (var segment in segments)
        {
            key = Key(key, segment.LinkId, segment.Occurrence);
        }

        return _byPath.GetValueOrDefault(key);
    }

    // The nodes are made here from the items, as Firely's Child("item") would make them (the same poco, parent, name
    // and index): navigating a PocoNode by name costs microseconds per step, which added up to most of an evaluation.
    private void Index(PocoNode parent, string parentKey)
    {
        var items = parent.Poco switch
        {
            QuestionnaireResponse qr => qr.Item,
            QuestionnaireResponse.ItemComponent item => item.Item,
            QuestionnaireResponse.AnswerComponent answer => answer.Item,
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            return;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var component = items[i];
            var node = new PocoNode(component, parent, i, "item");
            var linkId = component.LinkId ?? string.Empty;
            var occurrence = counts.GetValueOrDefault(linkId);
            counts[linkId] = occurrence + 1;
            var key = Key(parentKey, linkId, occurrence);
            _byPath.TryAdd(key, node);
            Index(node, key);
            for (var a = 0; a < component.Answer.Count; a++)
            {
                Index(new PocoNode(component.Answer[a], node, a, "answer"), key);
            }
        }
    }

    private static string Key(string parent, string linkId, int occurrence) => $"{parent}/{linkId.Length}:{linkId}#{occurrence}";
}
