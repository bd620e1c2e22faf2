namespace Remedora.Intake;

/// <summary>How an answer is compared, as FHIR <c>enableWhen.operator</c>.</summary>
public enum ComparisonOperator
{
    /// <summary>Whether the question has an answer equals the comparand (a <see cref="BooleanAnswer"/>).</summary>
    Exists = 0,

    /// <summary>At least one answer equals the comparand (<c>=</c>).</summary>
    Equal = 1,

    /// <summary>No answer equals the comparand (<c>!=</c>); true when there is no answer.</summary>
    NotEqual = 2,

    /// <summary>At least one answer is greater than the comparand (<c>&gt;</c>).</summary>
    GreaterThan = 3,

    /// <summary>At least one answer is less than the comparand (<c>&lt;</c>).</summary>
    LessThan = 4,

    /// <summary>At least one answer is greater than or equal to the comparand (<c>&gt;=</c>).</summary>
    GreaterOrEqual = 5,

    /// <summary>At least one answer is less than or equal to the comparand (<c>&lt;=</c>).</summary>
    LessOrEqual = 6,
}
