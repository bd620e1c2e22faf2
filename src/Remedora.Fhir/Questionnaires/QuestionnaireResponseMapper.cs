using Hl7.Fhir.Model;
using Remedora.Fhir.Expressions;
using Remedora.Intake;
using Remedora.Intake.Submissions;

namespace Remedora.Fhir.Questionnaires;

/// <summary>The status of an exported QuestionnaireResponse, as FHIR <c>QuestionnaireResponseStatus</c>.</summary>
public enum ResponseStatus
{
    /// <summary>Being filled in.</summary>
    InProgress = 0,

    /// <summary>Submitted.</summary>
    Completed = 1,

    /// <summary>Changed after it was completed (a correction).</summary>
    Amended = 2,

    /// <summary>Withdrawn: it should not have been submitted.</summary>
    EnteredInError = 3,

    /// <summary>Stopped before completion.</summary>
    Stopped = 4,
}

/// <summary>What an exported QuestionnaireResponse says besides the answers.</summary>
public sealed class QuestionnaireResponseExportOptions
{
    /// <summary>Gets or sets the resource id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the status.</summary>
    /// <value>The default is <see cref="ResponseStatus.Completed"/>.</value>
    public ResponseStatus Status { get; set; } = ResponseStatus.Completed;

    /// <summary>Gets or sets the patient the answers are about (<c>subject</c>, written as <c>Patient/{id}</c>).</summary>
    public Id<Patient>? Patient { get; set; }

    /// <summary>Gets or sets when the answers were given (<c>authored</c>).</summary>
    public DateTimeOffset? Authored { get; set; }
}

/// <summary>Exports answers (a <see cref="FormResponse"/>, for example <c>FormEvaluation.Response</c> of a submission) as a FHIR R4 QuestionnaireResponse.</summary>
public static class QuestionnaireResponseMapper
{
    /// <summary>Exports answers as a QuestionnaireResponse to the exact form version they answered.</summary>
    /// <param name="response">The answers; export what the engine kept (<c>FormEvaluation.Response</c>) so answers to disabled items are left out.</param>
    /// <param name="options">The status, subject and time; the defaults when <see langword="null"/>.</param>
    /// <returns>The QuestionnaireResponse.</returns>
    /// <exception cref="FhirFormatException">The answers' items nest deeper than <see cref="FormDefinition.MaxItemDepth"/> (error code <see cref="FhirFormatException.NestingTooDeepCode"/>).</exception>
    public static QuestionnaireResponse Export(FormResponse response, QuestionnaireResponseExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        CheckDepth(response);
        options ??= new QuestionnaireResponseExportOptions();
        var qr = ResponseMapping.ToQuestionnaireResponse(response, options.Status switch
        {
            ResponseStatus.InProgress => QuestionnaireResponse.QuestionnaireResponseStatus.InProgress,
            ResponseStatus.Amended => QuestionnaireResponse.QuestionnaireResponseStatus.Amended,
            ResponseStatus.EnteredInError => QuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError,
            ResponseStatus.Stopped => QuestionnaireResponse.QuestionnaireResponseStatus.Stopped,
            _ => QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        });
        qr.Id = options.Id;
        if (options.Patient is { } patient)
        {
            qr.Subject = FhirReferences.ToReference(patient);
        }

        if (options.Authored is { } authored)
        {
            qr.AuthoredElement = new FhirDateTime(authored);
        }

        return qr;
    }

    /// <summary>Refuses answers nested deeper than <see cref="FormDefinition.MaxItemDepth"/>, walked without recursion.</summary>
    private static void CheckDepth(FormResponse response)
    {
        var pending = new Stack<(ResponseItem Item, int Depth, string Path)>();
        void PushAll(IReadOnlyList<ResponseItem>? items, int depth, string? parent)
        {
            for (var i = (items?.Count ?? 0) - 1; i >= 0; i--)
            {
                if (items![i] is { } item)
                {
                    var step = $"item[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
                    pending.Push((item, depth, parent is null ? step : $"{parent}.{step}"));
                }
            }
        }

        PushAll(response.Items, 1, null);
        while (pending.Count > 0)
        {
            var (item, depth, path) = pending.Pop();
            if (depth > FormDefinition.MaxItemDepth)
            {
                throw FhirFormatException.AnswersNestedTooDeep(path);
            }

            PushAll(item.Items, depth + 1, path);
            var answers = item.Answers ?? [];
            for (var a = 0; a < answers.Count; a++)
            {
                PushAll(answers[a]?.Items, depth + 1, $"{path}.answer[{a.ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            }
        }
    }

    /// <summary>
    /// Exports a stored submission as a QuestionnaireResponse: its id, the patient, when it was submitted, status
    /// <c>completed</c> (or <c>amended</c> for a correction), and the answers it kept.
    /// </summary>
    /// <param name="submission">The submission.</param>
    /// <returns>The QuestionnaireResponse.</returns>
    public static QuestionnaireResponse Export(IntakeSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return Export(submission.Response with { Form = submission.Form }, new QuestionnaireResponseExportOptions
        {
            Id = submission.Id.ToString(),
            Patient = submission.PatientId,
            Authored = submission.SubmittedAt,
            Status = submission.Supersedes is null ? ResponseStatus.Completed : ResponseStatus.Amended,
        });
    }

    /// <summary>Exports answers as a QuestionnaireResponse in FHIR R4 JSON.</summary>
    /// <param name="response">The answers.</param>
    /// <param name="options">The status, subject and time.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The JSON.</returns>
    public static string ExportJson(FormResponse response, QuestionnaireResponseExportOptions? options = null, bool pretty = false)
        => FhirFormats.ToJson(Export(response, options), pretty);

    /// <summary>Exports answers as a QuestionnaireResponse in FHIR R4 XML.</summary>
    /// <param name="response">The answers.</param>
    /// <param name="options">The status, subject and time.</param>
    /// <param name="pretty">Whether to indent.</param>
    /// <returns>The XML.</returns>
    public static string ExportXml(FormResponse response, QuestionnaireResponseExportOptions? options = null, bool pretty = false)
        => FhirFormats.ToXml(Export(response, options), pretty);
}
