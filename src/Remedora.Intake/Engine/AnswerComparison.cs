using System.Globalization;

namespace Remedora.Intake.Engine;

/// <summary>
/// Compares answers with comparands the way enableWhen does, across types: numbers with numbers, dates with dates,
/// codings with codings, and a coded answer with a string or number by its code.
/// </summary>
public static class AnswerComparison
{
    /// <summary>Determines whether a set of answers satisfies a comparison, with FHIR enableWhen semantics.</summary>
    /// <param name="answers">The answers (of enabled occurrences only).</param>
    /// <param name="op">The comparison.</param>
    /// <param name="comparand">The comparand; a <see cref="BooleanAnswer"/> for <see cref="ComparisonOperator.Exists"/>.</param>
    /// <returns>
    /// For <see cref="ComparisonOperator.Exists"/>, whether having an answer equals the comparand;
    /// for <see cref="ComparisonOperator.NotEqual"/>, whether no answer equals the comparand;
    /// otherwise whether at least one answer satisfies the comparison.
    /// </returns>
    public static bool Satisfies(IReadOnlyList<AnswerValue> answers, ComparisonOperator op, AnswerValue comparand)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(comparand);
        switch (op)
        {
            case ComparisonOperator.Exists:
                return comparand is BooleanAnswer b && (answers.Count > 0) == b.Value;
            case ComparisonOperator.NotEqual:
                for (var i = 0; i < answers.Count; i++)
                {
                    if (AreEqual(answers[i], comparand))
                    {
                        return false;
                    }
                }

                return true;
            default:
                for (var i = 0; i < answers.Count; i++)
                {
                    if (Test(answers[i], op, comparand))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    /// <summary>Determines whether one answer satisfies a comparison with a comparand.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="op">The comparison; <see cref="ComparisonOperator.Exists"/> is true for any answer when the comparand is true.</param>
    /// <param name="comparand">The comparand.</param>
    /// <returns><see langword="true"/> when the comparison holds; <see langword="false"/> when it does not or the values cannot be compared.</returns>
    public static bool Test(AnswerValue answer, ComparisonOperator op, AnswerValue comparand)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(comparand);
        return op switch
        {
            ComparisonOperator.Exists => comparand is BooleanAnswer { Value: true },
            ComparisonOperator.Equal => AreEqual(answer, comparand),
            ComparisonOperator.NotEqual => !AreEqual(answer, comparand),
            ComparisonOperator.GreaterThan => Compare(answer, comparand) > 0,
            ComparisonOperator.LessThan => Compare(answer, comparand) < 0,
            ComparisonOperator.GreaterOrEqual => Compare(answer, comparand) >= 0,
            ComparisonOperator.LessOrEqual => Compare(answer, comparand) <= 0,
            _ => false,
        };
    }

    /// <summary>Compares two numbers with an operator.</summary>
    /// <param name="value">The value.</param>
    /// <param name="op">The comparison; <see cref="ComparisonOperator.Exists"/> is always true.</param>
    /// <param name="comparand">The comparand.</param>
    /// <returns>Whether the comparison holds.</returns>
    public static bool Test(decimal value, ComparisonOperator op, decimal comparand) => op switch
    {
        ComparisonOperator.Exists => true,
        ComparisonOperator.Equal => value == comparand,
        ComparisonOperator.NotEqual => value != comparand,
        ComparisonOperator.GreaterThan => value > comparand,
        ComparisonOperator.LessThan => value < comparand,
        ComparisonOperator.GreaterOrEqual => value >= comparand,
        ComparisonOperator.LessOrEqual => value <= comparand,
        _ => false,
    };

    /// <summary>Determines whether an answer equals a comparand.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="comparand">The comparand.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool AreEqual(AnswerValue answer, AnswerValue comparand)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(comparand);
        switch (answer, comparand)
        {
            case (CodingAnswer a, CodingAnswer b):
                return a.Value.Matches(b.Value);
            case (BooleanAnswer a, BooleanAnswer b):
                return a.Value == b.Value;
            case (ReferenceAnswer a, ReferenceAnswer b):
                return a.Value.Reference is not null && string.Equals(a.Value.Reference, b.Value.Reference, StringComparison.Ordinal);
            case (AttachmentAnswer a, AttachmentAnswer b):
                return a.Value.Url is not null && string.Equals(a.Value.Url, b.Value.Url, StringComparison.Ordinal);
            case (QuantityAnswer a, QuantityAnswer b):
                return a.Value.Comparator == b.Value.Comparator && Compare(a, b) == 0;
            default:
                return Compare(answer, comparand) == 0;
        }
    }

    /// <summary>Orders an answer against a comparand.</summary>
    /// <param name="answer">The answer.</param>
    /// <param name="comparand">The comparand.</param>
    /// <returns>A negative number, zero or a positive number; <see langword="null"/> when the two cannot be ordered.</returns>
    public static int? Compare(AnswerValue answer, AnswerValue comparand)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(comparand);
        switch (answer, comparand)
        {
            case (QuantityAnswer a, QuantityAnswer b):
                return a.Value.Value is { } av && b.Value.Value is { } bv && a.Value.HasSameUnit(b.Value) ? av.CompareTo(bv) : null;
            case (DateAnswer a, DateAnswer b):
                return a.Value.IsEmpty || b.Value.IsEmpty ? null : a.Value.CompareTo(b.Value);
            case (DateTimeAnswer a, DateTimeAnswer b):
                return a.Value.CompareTo(b.Value);
            case (DateTimeAnswer a, DateAnswer b):
                return a.Value.CompareTo(b.Value);
            case (DateAnswer a, DateTimeAnswer b):
                return b.Value.CompareTo(a.Value) is { } c ? -c : null;
            case (TimeAnswer a, TimeAnswer b):
                return a.Value.CompareTo(b.Value);
            case (BooleanAnswer, _):
            case (_, BooleanAnswer):
                return null;
            case (CodingAnswer, CodingAnswer):
                return null;
        }

        if (IsNumericComparand(comparand) && TryNumber(answer, out var x) && TryNumber(comparand, out var y))
        {
            return x.CompareTo(y);
        }

        if (TryText(answer, out var s) && TryText(comparand, out var t))
        {
            var c = string.CompareOrdinal(s, t);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }

        return null;
    }

    internal static bool TryNumber(AnswerValue value, out decimal number)
    {
        switch (value)
        {
            case DecimalAnswer d:
                number = d.Value;
                return true;
            case IntegerAnswer i:
                number = i.Value;
                return true;
            case QuantityAnswer { Value.Value: { } q }:
                number = q;
                return true;
            case CodingAnswer { Value.Code: { } code }:
                return decimal.TryParse(code, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
            default:
                number = 0;
                return false;
        }
    }

    private static bool IsNumericComparand(AnswerValue value) => value is DecimalAnswer or IntegerAnswer or QuantityAnswer;

    private static bool TryText(AnswerValue value, out string text)
    {
        switch (value)
        {
            case StringAnswer s:
                text = s.Value;
                return true;
            case UriAnswer u:
                text = u.Value;
                return true;
            case CodingAnswer { Value.Code: { } code }:
                text = code;
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }
}
