using System.Text;
using System.Text.Json;
using System.Xml;
using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>
/// Finds items nested deeper than <see cref="FormDefinition.MaxItemDepth"/> in FHIR text before it is parsed, so that
/// such text is refused with a message that says so, and in one linear pass (no tree is built).
/// </summary>
internal static class ItemNesting
{
    /// <summary>How deep the JSON or XML itself may nest while it is scanned; far above what the item limit needs.</summary>
    private const int MaxTextDepth = 1024;

    /// <summary>Finds the first item nested too deeply in JSON text.</summary>
    /// <returns>The item's path (indexes only, no values), or <see langword="null"/> when the nesting is within the limit or the text does not parse (the parser reports that).</returns>
    public static string? FindTooDeepJson(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = MaxTextDepth, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });

        // Each open container: whether it is an array, whether it is an "item" array, and the index of its current element.
        var open = new Stack<(bool IsArray, bool IsItems, int Index)>();
        var path = new List<int>();
        var itemArrayPending = false;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        itemArrayPending = reader.ValueTextEquals("item"u8);
                        break;
                    case JsonTokenType.StartArray:
                        if (itemArrayPending)
                        {
                            path.Add(0);
                            if (path.Count > FormDefinition.MaxItemDepth)
                            {
                                return Describe(path);
                            }
                        }

                        open.Push((true, itemArrayPending, 0));
                        itemArrayPending = false;
                        break;
                    case JsonTokenType.StartObject:
                        open.Push((false, false, 0));
                        itemArrayPending = false;
                        break;
                    case JsonTokenType.EndArray:
                        if (open.Pop().IsItems)
                        {
                            path.RemoveAt(path.Count - 1);
                        }

                        Next(open, path);
                        break;
                    case JsonTokenType.EndObject:
                        open.Pop();
                        Next(open, path);
                        break;
                    default:
                        itemArrayPending = false;
                        Next(open, path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Nesting beyond what the scan reads is refused as too deep; other syntax errors are the parser's to report.
            return reader.CurrentDepth >= MaxTextDepth - 1 ? Describe(path) : null;
        }

        return null;
    }

    /// <summary>Finds the first item nested too deeply in XML text.</summary>
    /// <returns>The item's path, or <see langword="null"/> when the nesting is within the limit or the text does not parse.</returns>
    public static string? FindTooDeepXml(string xml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreWhitespace = true };
        var items = new Stack<int>(); // element depth of each open item element
        var path = new List<int>();
        var counts = new Stack<int>(); // children named item seen so far, per open item level (root level included)
        counts.Push(0);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "item")
                {
                    var position = counts.Pop();
                    counts.Push(position + 1);
                    path.Add(position);
                    if (path.Count > FormDefinition.MaxItemDepth)
                    {
                        return Describe(path);
                    }

                    if (reader.IsEmptyElement)
                    {
                        path.RemoveAt(path.Count - 1);
                    }
                    else
                    {
                        items.Push(reader.Depth);
                        counts.Push(0);
                    }
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "item" && items.Count > 0 && items.Peek() == reader.Depth)
                {
                    items.Pop();
                    counts.Pop();
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
        catch (XmlException)
        {
            return null;
        }

        return null;
    }

    /// <summary>Moves to the next element of the enclosing array, if the value just read was one.</summary>
    private static void Next(Stack<(bool IsArray, bool IsItems, int Index)> open, List<int> path)
    {
        if (open.Count == 0 || !open.Peek().IsArray)
        {
            return;
        }

        var (isArray, isItems, index) = open.Pop();
        open.Push((isArray, isItems, index + 1));
        if (isItems)
        {
            path[^1] = index + 1;
        }
    }

    private static string Describe(List<int> path)
    {
        var builder = new StringBuilder();
        foreach (var i in path)
        {
            builder.Append(builder.Length == 0 ? "item[" : ".item[").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
        }

        return builder.ToString();
    }
}
