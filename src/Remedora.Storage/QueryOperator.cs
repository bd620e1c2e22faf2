namespace Remedora.Storage;

/// <summary>A comparison in a <see cref="QueryCondition"/>.</summary>
public enum QueryOperator
{
    /// <summary>Equal (or both null).</summary>
    Equal = 0,

    /// <summary>Greater than or equal.</summary>
    GreaterThanOrEqual = 1,

    /// <summary>Less than.</summary>
    LessThan = 2,
}
