using System.Globalization;
using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Remedora.Fhir.Mapping;
using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>Reads a QuestionnaireResponse into a <see cref="FormResponse"/>, placing answers by linkId in the form's structure.</summary>
internal sealed class QuestionnaireResponseReader
{
    /// <summary>The expected parent of items that are never in place (children of a group under an answer, of a question under its item).</summary>
    private static readonly FormItem Nowhere = new() { LinkId = string.Empty, Type = FormItemType.Display };

    private readonly FormDefinition _form;
    private readonly Dictionary<string, (FormItem Item, FormItem? Parent)> _byLinkId;
    private readonly List<QuestionnaireResponseImportIssue> _issues = [];
    private readonly List<(Node Node, string Path)> _misplaced = [];

    public QuestionnaireResponseReader(FormDefinition form)
    {
        _form = form;
        _byLinkId = FormItemIndex.ByLinkId(form);
    }

    public QuestionnaireResponseImportResult Read(QuestionnaireResponse qr)
    {
        if (qr.Questionnaire is { Length: > 0 } canonical && canonical != _form.Reference.ToString() && canonical != _form.Url)
        {
            _issues.Add(new("questionnaire", QuestionnaireResponseImportIssueCodes.FormMismatch, "The response names another Questionnaire than the form passed; its answers are imported against the form passed."));
        }

        var root = new List<Node>();
        Place(qr.Item, null, root, string.Empty, 1);
        // Shallowest first, so the groups and questions a moved item goes under are in place before it.
        foreach (var (node, path) in _misplaced.OrderBy(m => Depth(m.Node.LinkId)))
        {
            Relocate(node, path, root);
        }

        var response = new FormResponse { Form = _form.Reference, Items = root.Select(n => n.Build()).ToArray() };
        return new QuestionnaireResponseImportResult(response, _issues);
    }

    private int Depth(string linkId)
    {
        var depth = 0;
        for (var parent = _byLinkId[linkId].Parent; parent is not null; parent = _byLinkId[parent.LinkId].Parent)
        {
            depth++;
        }

        return depth;
    }

    private static bool IsQuestion(FormItem item) => item.Type is not (FormItemType.Group or FormItemType.Display);

    private static string Step(string parent, string name, int index)
    {
        var step = $"{name}[{index.ToString(CultureInfo.InvariantCulture)}]";
        return parent.Length == 0 ? step : $"{parent}.{step}";
    }

    /// <summary>Places source items that should be children of <paramref name="expectedParent"/> (the top level when null).</summary>
    private void Place(List<QuestionnaireResponse.ItemComponent> sources, FormItem? expectedParent, List<Node> target, string parentPath, int depth)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var path = Step(parentPath, "item", i);
            if (source is null)
            {
                continue;
            }

            if (depth > FormDefinition.MaxItemDepth)
            {
                throw FhirFormatException.AnswersNestedTooDeep(path);
            }

            if (string.IsNullOrEmpty(source.LinkId))
            {
                _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.MissingLinkId, "The item has no linkId; it and the items under it are left out."));
                continue;
            }

            if (!_byLinkId.TryGetValue(source.LinkId, out var found))
            {
                _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.UnknownItem, "The item's linkId is not in the form; it and the items under it are left out."));
                continue;
            }

            var node = Read(source, found.Item, path, depth);
            if (ReferenceEquals(found.Parent, expectedParent))
            {
                target.Add(node);
            }
            else
            {
                _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.Misplaced, "The item is not where the form has it; it was moved to the form's place."));
                _misplaced.Add((node, path));
            }
        }
    }

    private Node Read(QuestionnaireResponse.ItemComponent source, FormItem item, string path, int depth)
    {
        var node = new Node(item.LinkId) { Text = source.Text };
        if (source.Extension.Count > 0)
        {
            _issues.Add(new($"{path}.extension", QuestionnaireResponseImportIssueCodes.ExtensionNotKept, "The form model keeps no extensions on response items; they are left out."));
        }

        for (var a = 0; a < source.Answer.Count; a++)
        {
            var answer = source.Answer[a];
            var answerPath = Step(path, "answer", a);
            if (answer is null)
            {
                continue;
            }

            if (answer.Extension.Count > 0)
            {
                _issues.Add(new($"{answerPath}.extension", QuestionnaireResponseImportIssueCodes.ExtensionNotKept, "The form model keeps no extensions on answers; they are left out."));
            }

            var value = ReadValue(answer.Value, answerPath);
            var answerNode = value is null ? null : new AnswerNode(value);
            if (answerNode is not null)
            {
                if (!Fits(item.Type, value!.Kind))
                {
                    _issues.Add(new(answerPath, QuestionnaireResponseImportIssueCodes.AnswerTypeMismatch, $"The answer is a {value.Kind} value, which does not fit the item's type {item.Type}; it is kept and fails validation on submission."));
                }

                node.Answers.Add(answerNode);
            }

            // Children under an answer: in place for a question; for a group they belong under the group (moved, reported).
            if (answer.Item.Count > 0)
            {
                if (answerNode is not null && IsQuestion(item))
                {
                    Place(answer.Item, item, answerNode.Items, answerPath, depth + 1);
                }
                else if (!IsQuestion(item))
                {
                    Place(answer.Item, Nowhere, [], answerPath, depth + 1);
                }
                else
                {
                    _issues.Add(new(answerPath, QuestionnaireResponseImportIssueCodes.NoPlace, "The items are under an answer that has no readable value; they are left out."));
                }
            }
        }

        if (source.Item.Count > 0)
        {
            if (IsQuestion(item))
            {
                // A question's children belong under its answer (FHIR R4): moved there, reported.
                Place(source.Item, Nowhere, [], path, depth + 1);
            }
            else
            {
                Place(source.Item, item, node.Items, path, depth + 1);
            }
        }

        return node;
    }

    private AnswerValue? ReadValue(DataType? value, string path)
    {
        if (value is null || AnswerPoco.FromPoco(value) is not { } read)
        {
            _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.AnswerNotReadable, "The answer has no value, or a value an answer cannot hold; it is left out."));
            return null;
        }

        var valuePath = $"{path}.value{value.TypeName[..1].ToUpperInvariant()}{value.TypeName[1..]}";
        if (value is not Coding && value.Extension.Count > 0)
        {
            _issues.Add(new($"{valuePath}.extension", QuestionnaireResponseImportIssueCodes.ExtensionNotKept, "The form model keeps extensions on coded answers only; these are left out."));
        }

        if (value is Attachment { Data: { } data } attachment && read is AttachmentAnswer kept)
        {
            // Inline content is kept as an RFC 2397 data URL in the attachment's url (the model's place for where the
            // content is), when the attachment has no url of its own and the URL fits R4's 1 MB string limit.
            var dataUrl = $"data:{kept.Value.ContentType ?? "application/octet-stream"};base64,{Convert.ToBase64String(data)}";
            var keep = kept.Value.Url is null && dataUrl.Length <= Validation.FhirValidator.MaxStringLength;
            if (keep)
            {
                _issues.Add(new($"{valuePath}.data", QuestionnaireResponseImportIssueCodes.AttachmentDataAsUrl, "The attachment's inline content is kept as a data URL in its url; its size and SHA-1 hash are kept."));
            }
            else
            {
                _issues.Add(new($"{valuePath}.data", QuestionnaireResponseImportIssueCodes.AttachmentDataNotKept, kept.Value.Url is null
                    ? "The attachment's inline content is longer than R4's 1 MB string limit as a data URL: it is left out; its size and SHA-1 hash are kept."
                    : "The attachment has a url and inline content: the url is kept, the inline content is left out; its size and SHA-1 hash are kept."));
            }

            read = new AttachmentAnswer(kept.Value with
            {
                Url = keep ? dataUrl : kept.Value.Url,
                Size = kept.Value.Size ?? data.LongLength,
                Hash = kept.Value.Hash ?? (attachment.Hash is null ? Convert.ToBase64String(SHA1.HashData(data)) : null),
            });
        }

        return read;
    }

    private static bool Fits(FormItemType type, AnswerValueKind kind) => type switch
    {
        FormItemType.Boolean => kind == AnswerValueKind.Boolean,
        FormItemType.Decimal => kind is AnswerValueKind.Decimal or AnswerValueKind.Integer,
        FormItemType.Integer => kind == AnswerValueKind.Integer,
        FormItemType.Date => kind == AnswerValueKind.Date,
        FormItemType.DateTime => kind == AnswerValueKind.DateTime,
        FormItemType.Time => kind == AnswerValueKind.Time,
        FormItemType.String or FormItemType.Text => kind == AnswerValueKind.String,
        FormItemType.Url => kind == AnswerValueKind.Uri,
        FormItemType.Choice => kind is AnswerValueKind.Coding or AnswerValueKind.String or AnswerValueKind.Integer or AnswerValueKind.Date or AnswerValueKind.Time or AnswerValueKind.Reference,
        FormItemType.OpenChoice => kind is AnswerValueKind.Coding or AnswerValueKind.String or AnswerValueKind.Integer or AnswerValueKind.Date or AnswerValueKind.Time or AnswerValueKind.Reference,
        FormItemType.Attachment => kind == AnswerValueKind.Attachment,
        FormItemType.Reference => kind == AnswerValueKind.Reference,
        FormItemType.Quantity => kind == AnswerValueKind.Quantity,
        _ => false,
    };

    /// <summary>Puts a misplaced item at its place in the form's structure, creating the groups above it as needed.</summary>
    private void Relocate(Node node, string path, List<Node> root)
    {
        var chain = new List<FormItem>();
        for (var parent = _byLinkId[node.LinkId].Parent; parent is not null; parent = _byLinkId[parent.LinkId].Parent)
        {
            chain.Insert(0, parent);
        }

        var list = root;
        foreach (var ancestor in chain)
        {
            var existing = list.FirstOrDefault(n => n.LinkId == ancestor.LinkId);
            if (existing is null)
            {
                if (IsQuestion(ancestor))
                {
                    _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.NoPlace, "The item belongs under an answer of a question the response does not answer; it is left out."));
                    return;
                }

                existing = new Node(ancestor.LinkId);
                list.Add(existing);
            }

            if (IsQuestion(ancestor))
            {
                if (existing.Answers.Count == 0)
                {
                    _issues.Add(new(path, QuestionnaireResponseImportIssueCodes.NoPlace, "The item belongs under an answer of a question the response does not answer; it is left out."));
                    return;
                }

                list = existing.Answers[0].Items;
            }
            else
            {
                list = existing.Items;
            }
        }

        var same = list.FirstOrDefault(n => n.LinkId == node.LinkId);
        if (same is not null && IsQuestion(_byLinkId[node.LinkId].Item))
        {
            same.Answers.AddRange(node.Answers);
        }
        else
        {
            list.Add(node);
        }
    }

    private sealed class Node(string linkId)
    {
        public string LinkId { get; } = linkId;

        public string? Text { get; init; }

        public List<AnswerNode> Answers { get; } = [];

        public List<Node> Items { get; } = [];

        public ResponseItem Build() => new()
        {
            LinkId = LinkId,
            Text = Text,
            Answers = Answers.Select(a => new ResponseAnswer(a.Value) { Items = a.Items.Select(i => i.Build()).ToArray() }).ToArray(),
            Items = Items.Select(i => i.Build()).ToArray(),
        };
    }

    private sealed class AnswerNode(AnswerValue value)
    {
        public AnswerValue Value { get; } = value;

        public List<Node> Items { get; } = [];
    }
}
