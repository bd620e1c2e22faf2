using System.Globalization;
using System.Text;

namespace Remedora.Storage;

/// <summary>The canonical text of a query's conditions, order and page size, which a continuation token is bound to.</summary>
internal static class QueryShape
{
    public static string Describe<T>(DocumentQuery<T> query)
        where T : class
    {
        var text = new StringBuilder();
        text.Append("order=").Append(query.OrderByIndex ?? "(key)").Append(query.Descending ? ":desc" : ":asc");
        text.Append(";limit=").Append(query.Limit.ToString(CultureInfo.InvariantCulture));
        foreach (var condition in query.Conditions)
        {
            text.Append(";where=").Append(Escape(condition.Index)).Append(':').Append(condition.Operator.ToString()).Append(':').Append(Value(condition.Value));
            foreach (var prefix in condition.Prefix)
            {
                text.Append(":prefix=").Append(Value(prefix));
            }
        }

        return text.ToString();
    }

    public static string Value(object? value) => value switch
    {
        null => "n",
        string s => "s" + Escape(s),
        DateTimeOffset t => "t" + StorageTime.Normalize(t).UtcTicks.ToString(CultureInfo.InvariantCulture),
        Enum e => "e" + e.GetType().FullName + "." + e.ToString(),
        IFormattable f => "f" + value.GetType().FullName + "." + Escape(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => "o" + value.GetType().FullName + "." + Escape(value.ToString() ?? string.Empty),
    };

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal).Replace(":", "\\:", StringComparison.Ordinal);
}
