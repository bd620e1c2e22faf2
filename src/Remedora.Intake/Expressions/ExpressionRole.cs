namespace Remedora.Intake.Expressions;

/// <summary>What an expression is used for in a form, told to the language when it compiles the expression.</summary>
public enum ExpressionRole
{
    /// <summary>A form-level or item-level variable.</summary>
    Variable = 0,

    /// <summary>A calculated answer (SDC <c>calculatedExpression</c>).</summary>
    CalculatedValue = 1,

    /// <summary>Initial answers (SDC <c>initialExpression</c>).</summary>
    InitialValue = 2,

    /// <summary>An enable condition (SDC <c>enableWhenExpression</c>); expected to return a boolean.</summary>
    EnableWhen = 3,

    /// <summary>A constraint (SDC <c>targetConstraint</c>); expected to return a boolean.</summary>
    Constraint = 4,

    /// <summary>A score; expected to return a number.</summary>
    Score = 5,

    /// <summary>A red-flag condition; expected to return a boolean.</summary>
    RedFlagCondition = 6,
}
