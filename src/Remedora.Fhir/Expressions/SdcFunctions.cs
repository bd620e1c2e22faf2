using Hl7.Fhir.Model;
using Hl7.FhirPath;
using Remedora.Fhir.Mapping;
using Remedora.Fhir.Questionnaires;

namespace Remedora.Fhir.Expressions;

/// <summary>The SDC FHIRPath functions (<c>ordinal()</c>/<c>weight()</c>, <c>answers()</c>) and the aggregate <c>sum()</c>.</summary>
internal static class SdcFunctions
{
    /// <summary>The name under which <see cref="Repeat"/> is registered; expressions never name it themselves.</summary>
    public const string RepeatFunction = "remedoraRepeat";

    /// <summary>The name under which <see cref="WhereLinkId"/> is registered; expressions never name it themselves.</summary>
    public const string LinkIdFunction = "remedoraLinkId";

    /// <summary>
    /// FHIRPath <c>where(linkId = 'x')</c>: the nodes of the focus with exactly one <c>linkId</c>, equal (as strings are
    /// compared in FHIRPath, exactly) to <paramref name="linkId"/>. Items of a Questionnaire or QuestionnaireResponse
    /// are read directly; any other node through its <c>linkId</c> child.
    /// </summary>
    public static IEnumerable<PocoNode> WhereLinkId(IEnumerable<PocoNode> focus, string linkId)
    {
        var result = new List<PocoNode>();
        foreach (var node in focus)
        {
            var value = node.Poco switch
            {
                QuestionnaireResponse.ItemComponent item => item.LinkId,
                Questionnaire.ItemComponent item => item.LinkId,
                _ => node.Child("linkId") is { } children && children.Take(2).ToList() is [{ Poco: PrimitiveType primitive }] ? primitive.ToString() : null,
            };
            if (string.Equals(value, linkId, StringComparison.Ordinal))
            {
                result.Add(node);
            }
        }

        return result;
    }

    /// <summary>
    /// FHIRPath <c>repeat(name)</c> for a plain element name: the named children of the focus, then theirs, round by
    /// round, each node once. A node of the tree is the same node however it was reached, so it is recognised by
    /// identity in constant time rather than by comparing values with everything found so far.
    /// </summary>
    public static IEnumerable<PocoNode> Repeat(IEnumerable<PocoNode> focus, string name)
    {
        var result = new List<PocoNode>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var round = focus.ToList();
        while (round.Count > 0)
        {
            var next = new List<PocoNode>();
            foreach (var node in round)
            {
                foreach (var child in Children(node, name))
                {
                    if (seen.Add(child.Poco ?? (object)child))
                    {
                        result.Add(child);
                        next.Add(child);
                    }
                }
            }

            round = next;
        }

        return result;
    }

    /// <summary>
    /// The children of a node with a name, as <see cref="PocoNode.Child(string)"/> gives them (the same poco, parent,
    /// name and index). The items and answers of Questionnaires and QuestionnaireResponses are read from the poco's
    /// lists directly: navigating a PocoNode by name costs microseconds per step, which made <c>repeat(item)</c> over a
    /// filled 142-item form cost most of an evaluation.
    /// </summary>
    public static IEnumerable<PocoNode> Children(PocoNode node, string name)
    {
        System.Collections.IList? list = (node.Poco, name) switch
        {
            (QuestionnaireResponse r, "item") => r.Item,
            (QuestionnaireResponse.ItemComponent i, "item") => i.Item,
            (QuestionnaireResponse.ItemComponent i, "answer") => i.Answer,
            (QuestionnaireResponse.AnswerComponent a, "item") => a.Item,
            (Questionnaire q, "item") => q.Item,
            (Questionnaire.ItemComponent i, "item") => i.Item,
            _ => null,
        };
        if (list is null)
        {
            return node.Child(name) ?? Enumerable.Empty<PocoNode>();
        }

        if (list.Count == 0)
        {
            return [];
        }

        var nodes = new PocoNode[list.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = new PocoNode((Base)list[i]!, node, i, name);
        }

        return nodes;
    }

    /// <summary>
    /// The score of each node of the focus, as SDC defines <c>weight()</c>/<c>ordinal()</c>: a QuestionnaireResponse
    /// answer is scored by its value; a value (a Coding or another answer value) by its own ordinalValue/itemWeight
    /// extension, else by the answer option or value-set concept of its item that it matches; a Questionnaire answer
    /// option (or its value) by the option's extension. Nodes without a score contribute nothing.
    /// </summary>
    public static IEnumerable<PocoNode> Ordinal(IEnumerable<PocoNode> focus, EvaluationContext context)
    {
        var engine = (context as SdcEvaluationContext)?.Context;
        var result = new List<PocoNode>();
        foreach (var node in focus)
        {
            var target = node;
            if (node.Poco is QuestionnaireResponse.AnswerComponent or Questionnaire.AnswerOptionComponent)
            {
                if (node.Poco is Questionnaire.AnswerOptionComponent option && SdcScores.Of(option.Extension) is { } optionScore)
                {
                    result.Add(new FhirDecimal(optionScore).ToPocoNode());
                    continue;
                }

                if (node.Child("value")?.FirstOrDefault() is not { } value)
                {
                    continue;
                }

                target = value;
            }

            decimal? score = target.Poco is DataType data ? SdcScores.Of(data.Extension) : null;
            if (score is null && target.Parent is { Poco: Questionnaire.AnswerOptionComponent parentOption })
            {
                score = SdcScores.Of(parentOption.Extension);
            }

            if (score is null && engine is not null && AnswerPoco.FromPoco(target.Poco) is { } answer)
            {
                var linkId = LinkIdOf(target);
                score = engine.OptionScore(linkId, answer) ?? (linkId is null ? null : engine.OptionScore(null, answer));
            }

            if (score is { } s)
            {
                result.Add(new FhirDecimal(s).ToPocoNode());
            }
        }

        return result;
    }

    /// <summary>Every answer of the items in the focus (a QuestionnaireResponse or its items), nested ones included.</summary>
    public static IEnumerable<PocoNode> Answers(IEnumerable<PocoNode> focus)
    {
        var result = new List<PocoNode>();
        foreach (var node in focus)
        {
            Collect(node, result, node.Poco is QuestionnaireResponse.ItemComponent);
        }

        return result;

        static void Collect(PocoNode node, List<PocoNode> into, bool isItem)
        {
            if (isItem)
            {
                foreach (var answer in Children(node, "answer"))
                {
                    into.Add(answer);
                    foreach (var nested in Children(answer, "item"))
                    {
                        Collect(nested, into, true);
                    }
                }
            }

            foreach (var child in Children(node, "item"))
            {
                Collect(child, into, true);
            }
        }
    }

    /// <summary>The sum of the numbers in the focus: an integer when all are integers, 0 for an empty focus.</summary>
    public static IEnumerable<PocoNode> Sum(IEnumerable<PocoNode> focus)
    {
        decimal total = 0;
        var allIntegers = true;
        foreach (var node in focus)
        {
            switch (node.Poco)
            {
                case PrimitiveType { JsonValue: int i }:
                    total += i;
                    break;
                case PrimitiveType { JsonValue: long l }:
                    total += l;
                    break;
                case PrimitiveType { JsonValue: decimal d }:
                    total += d;
                    allIntegers = false;
                    break;
                default:
                    throw new InvalidOperationException($"sum() can only add numbers, not {node.Poco.TypeName}.");
            }
        }

        return allIntegers && total is >= int.MinValue and <= int.MaxValue
            ? [new Integer((int)total).ToPocoNode()]
            : [new FhirDecimal(total).ToPocoNode()];
    }

    private static string? LinkIdOf(PocoNode node)
    {
        for (var current = node; current is not null;)
        {
            var (poco, parent, _, _) = current;
            if (poco is QuestionnaireResponse.ItemComponent item)
            {
                return item.LinkId;
            }

            current = parent;
        }

        return null;
    }
}
