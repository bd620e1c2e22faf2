using Remedora.Intake;

namespace Remedora.Fhir.Questionnaires;

/// <summary>A form's items by linkId, each with its parent, for placing a response's items in the form.</summary>
internal static class FormItemIndex
{
    /// <summary>Every item of the form by linkId (the first one where a linkId repeats), with its parent item.</summary>
    public static Dictionary<string, (FormItem Item, FormItem? Parent)> ByLinkId(FormDefinition form)
    {
        var index = new Dictionary<string, (FormItem Item, FormItem? Parent)>(StringComparer.Ordinal);
        var pending = new Stack<(FormItem Item, FormItem? Parent)>();
        foreach (var item in form.Items.Reverse())
        {
            pending.Push((item, null));
        }

        while (pending.Count > 0)
        {
            var (item, parent) = pending.Pop();
            index.TryAdd(item.LinkId, (item, parent));
            foreach (var child in item.Items.Reverse())
            {
                pending.Push((child, item));
            }
        }

        return index;
    }
}
