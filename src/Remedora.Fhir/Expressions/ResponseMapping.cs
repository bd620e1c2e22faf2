using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;

namespace Remedora.Fhir.Expressions;

/// <summary>Builds QuestionnaireResponse resources from <see cref="FormResponse"/>s.</summary>
internal static class ResponseMapping
{
    /// <summary>Builds the QuestionnaireResponse of a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="status">The status; in-progress when <see langword="null"/>.</param>
    /// <param name="optionScores">
    /// For FHIRPath only: the score extensions to put on a coded answer that brings no score of its own (the option it was
    /// chosen from), by linkId; <see langword="null"/> to write answers exactly as they are.
    /// </param>
    public static QuestionnaireResponse ToQuestionnaireResponse(
        FormResponse response,
        QuestionnaireResponse.QuestionnaireResponseStatus? status,
        Func<string, Coding, IReadOnlyList<Extension>?>? optionScores = null)
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
                qr.Item.Add(ToItem(item, optionScores));
            }
        }

        return qr;
    }

    private static QuestionnaireResponse.ItemComponent ToItem(ResponseItem item, Func<string, Coding, IReadOnlyList<Extension>?>? optionScores)
    {
        var component = new QuestionnaireResponse.ItemComponent { LinkId = item.LinkId, Text = item.Text };
        foreach (var answer in item.Answers ?? [])
        {
            // FHIR has no empty strings: an empty text answer (for example a calculated '') is no answer.
            if (answer?.Value is null or StringAnswer { Value.Length: 0 } or UriAnswer { Value.Length: 0 })
            {
                continue;
            }

            var value = AnswerPoco.ToPoco(answer.Value);
            if (optionScores is not null && value is Coding coding && !coding.Extension.Any(e => e.Url is SdcUrls.OrdinalValue or SdcUrls.ItemWeight)
                && optionScores(item.LinkId, coding) is { Count: > 0 } scores)
            {
                coding.Extension.AddRange(scores);
            }

            var a = new QuestionnaireResponse.AnswerComponent { Value = value };
            foreach (var child in answer.Items ?? [])
            {
                if (child is not null)
                {
                    a.Item.Add(ToItem(child, optionScores));
                }
            }

            component.Answer.Add(a);
        }

        foreach (var child in item.Items ?? [])
        {
            if (child is not null)
            {
                component.Item.Add(ToItem(child, optionScores));
            }
        }

        return component;
    }
}
