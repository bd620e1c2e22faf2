using Remedora.Intake.Expressions;

namespace Remedora.Intake.Building;

/// <summary>Sets the properties of one form item and adds its child items.</summary>
public sealed class ItemBuilder : ItemContainerBuilder<ItemBuilder>
{
    private readonly FormItemType _type;
    private readonly List<FormCoding> _codes = [];
    private readonly List<AnswerOption> _options = [];
    private readonly List<AnswerValue> _initial = [];
    private readonly List<EnableWhenCondition> _enableWhen = [];
    private readonly List<FormExpression> _variables = [];
    private readonly List<FormConstraint> _constraints = [];
    private readonly List<FormCoding> _unitOptions = [];
    private readonly List<string> _contentTypes = [];
    private readonly List<FormExtension> _extensions = [];
    private readonly Dictionary<string, string> _unmapped = new(StringComparer.Ordinal);
    private string? _text;
    private string? _prefix;
    private string? _definition;
    private bool _required;
    private bool _repeats;
    private bool _readOnly;
    private bool _hidden;
    private int? _minOccurs;
    private int? _maxOccurs;
    private int? _maxLength;
    private int? _minLength;
    private AnswerValue? _minValue;
    private AnswerValue? _maxValue;
    private int? _maxDecimalPlaces;
    private string? _regex;
    private string? _entryFormat;
    private FormCoding? _unit;
    private string? _unitValueSet;
    private long? _maxSize;
    private string? _answerValueSet;
    private FormExpression? _initialExpression;
    private EnableBehavior _enableBehavior = Intake.EnableBehavior.All;
    private FormExpression? _enableWhenExpression;
    private FormExpression? _calculated;

    internal ItemBuilder(string linkId, FormItemType type, string? text)
    {
        LinkId = linkId;
        _type = type;
        _text = text;
    }

    /// <summary>Gets the item's linkId.</summary>
    public string LinkId { get; }

    /// <summary>Sets the text shown to the patient.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Text(string text)
    {
        _text = text;
        return this;
    }

    /// <summary>Sets the prefix shown before the text, for example <c>1.</c>.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Prefix(string prefix)
    {
        _prefix = prefix;
        return this;
    }

    /// <summary>Sets the URI of the element definition the item corresponds to.</summary>
    /// <param name="definition">The URI.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Definition(string definition)
    {
        _definition = definition;
        return this;
    }

    /// <summary>Adds a code of the concept the item asks about, for example a LOINC code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Code(FormCoding code)
    {
        ArgumentNullException.ThrowIfNull(code);
        _codes.Add(code);
        return this;
    }

    /// <summary>Makes an enabled item required (or not).</summary>
    /// <param name="required">Whether it is required.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Required(bool required = true)
    {
        _required = required;
        return this;
    }

    /// <summary>Lets a question take several answers, or a group occur several times.</summary>
    /// <param name="repeats">Whether it repeats.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Repeats(bool repeats = true)
    {
        _repeats = repeats;
        return this;
    }

    /// <summary>Makes the item read-only (calculated or pre-filled).</summary>
    /// <param name="readOnly">Whether it is read-only.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder ReadOnly(bool readOnly = true)
    {
        _readOnly = readOnly;
        return this;
    }

    /// <summary>Hides the item from the patient; it is still evaluated (for example a calculated value).</summary>
    /// <param name="hidden">Whether it is hidden.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Hidden(bool hidden = true)
    {
        _hidden = hidden;
        return this;
    }

    /// <summary>Sets how many answers (or occurrences) a repeating item needs and allows.</summary>
    /// <param name="min">The least; <see langword="null"/> for no minimum.</param>
    /// <param name="max">The most; <see langword="null"/> for no maximum.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Occurs(int? min, int? max)
    {
        _minOccurs = min;
        _maxOccurs = max;
        return this;
    }

    /// <summary>Sets the most characters of a text answer.</summary>
    /// <param name="maxLength">The most characters.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MaxLength(int maxLength)
    {
        _maxLength = maxLength;
        return this;
    }

    /// <summary>Sets the fewest characters of a text answer.</summary>
    /// <param name="minLength">The fewest characters.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MinLength(int minLength)
    {
        _minLength = minLength;
        return this;
    }

    /// <summary>Sets the smallest allowed value.</summary>
    /// <param name="value">The value, of the item's type (or a number for a quantity).</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MinValue(AnswerValue value)
    {
        _minValue = value;
        return this;
    }

    /// <summary>Sets the largest allowed value.</summary>
    /// <param name="value">The value, of the item's type (or a number for a quantity).</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MaxValue(AnswerValue value)
    {
        _maxValue = value;
        return this;
    }

    /// <summary>Sets the allowed range of a number item: integers for an integer item, decimals otherwise.</summary>
    /// <param name="min">The smallest value.</param>
    /// <param name="max">The largest value.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Between(decimal min, decimal max)
    {
        if (_type == FormItemType.Integer)
        {
            _minValue = new IntegerAnswer(decimal.ToInt32(min));
            _maxValue = new IntegerAnswer(decimal.ToInt32(max));
        }
        else
        {
            _minValue = new DecimalAnswer(min);
            _maxValue = new DecimalAnswer(max);
        }

        return this;
    }

    /// <summary>Sets the most digits after the decimal point.</summary>
    /// <param name="places">The most digits.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MaxDecimalPlaces(int places)
    {
        _maxDecimalPlaces = places;
        return this;
    }

    /// <summary>Sets a regular expression a text answer must match in full, with an optional format hint for the patient.</summary>
    /// <param name="pattern">The .NET regular expression.</param>
    /// <param name="entryFormat">A hint such as <c>A1A 1A1</c>, shown in the problem message.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Regex(string pattern, string? entryFormat = null)
    {
        _regex = pattern;
        _entryFormat = entryFormat ?? _entryFormat;
        return this;
    }

    /// <summary>Sets a hint of the expected format, for example <c>yyyy/MM/dd</c>.</summary>
    /// <param name="entryFormat">The hint.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EntryFormat(string entryFormat)
    {
        _entryFormat = entryFormat;
        return this;
    }

    /// <summary>Sets the unit of a numeric answer.</summary>
    /// <param name="unit">The unit, usually a UCUM coding.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Unit(FormCoding unit)
    {
        _unit = unit;
        return this;
    }

    /// <summary>Sets the unit of a numeric answer as a UCUM code.</summary>
    /// <param name="ucumCode">The UCUM code, for example <c>kg</c>.</param>
    /// <param name="display">The unit as shown; defaults to the code.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Unit(string ucumCode, string? display = null) => Unit(new FormCoding("http://unitsofmeasure.org", ucumCode, display ?? ucumCode));

    /// <summary>Adds units a quantity answer may use.</summary>
    /// <param name="units">The units.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder UnitOptions(params FormCoding[] units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _unitOptions.AddRange(units);
        return this;
    }

    /// <summary>Sets the canonical URL of a value set of allowed units.</summary>
    /// <param name="valueSet">The URL.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder UnitValueSet(string valueSet)
    {
        _unitValueSet = valueSet;
        return this;
    }

    /// <summary>Adds MIME types an attachment may have, for example <c>image/jpeg</c>.</summary>
    /// <param name="contentTypes">The types.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder AllowContentTypes(params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        _contentTypes.AddRange(contentTypes);
        return this;
    }

    /// <summary>Sets the largest attachment in bytes.</summary>
    /// <param name="bytes">The limit.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder MaxAttachmentSize(long bytes)
    {
        _maxSize = bytes;
        return this;
    }

    /// <summary>Adds an allowed answer.</summary>
    /// <param name="value">The value: a coding, string, integer, date, time or reference.</param>
    /// <param name="score">The option's score (ordinal value).</param>
    /// <param name="initialSelected">Whether the option is selected when the form opens.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Option(AnswerValue value, decimal? score = null, bool initialSelected = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        _options.Add(new AnswerOption { Value = value, Score = score, InitialSelected = initialSelected });
        return this;
    }

    /// <summary>Adds an allowed coded answer.</summary>
    /// <param name="coding">The coding.</param>
    /// <param name="score">The option's score (ordinal value).</param>
    /// <param name="initialSelected">Whether the option is selected when the form opens.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Option(FormCoding coding, decimal? score = null, bool initialSelected = false) => Option(new CodingAnswer(coding), score, initialSelected);

    /// <summary>Adds allowed answers.</summary>
    /// <param name="options">The options.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Options(IEnumerable<AnswerOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options.AddRange(options);
        return this;
    }

    /// <summary>Takes the allowed answers from a value set: <c>#id</c> for one in the form's value sets, or a canonical URL.</summary>
    /// <param name="reference">The reference.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder AnswerValueSet(string reference)
    {
        _answerValueSet = reference;
        return this;
    }

    /// <summary>Adds initial answers.</summary>
    /// <param name="values">The values.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Initial(params AnswerValue[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _initial.AddRange(values);
        return this;
    }

    /// <summary>Sets an expression that computes the initial answers.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder InitialExpression(FormExpression expression)
    {
        _initialExpression = expression;
        return this;
    }

    /// <summary>Adds a condition on another question's answers that enables this item.</summary>
    /// <param name="question">The other question's linkId.</param>
    /// <param name="op">The comparison.</param>
    /// <param name="answer">The comparand.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EnableWhen(string question, ComparisonOperator op, AnswerValue answer)
    {
        _enableWhen.Add(new EnableWhenCondition(question, op, answer));
        return this;
    }

    /// <summary>Adds a condition that another question has (or has not) been answered.</summary>
    /// <param name="question">The other question's linkId.</param>
    /// <param name="answered">Whether it must be answered (<see langword="true"/>) or unanswered.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EnableWhenAnswered(string question, bool answered = true) => EnableWhen(question, ComparisonOperator.Exists, AnswerValue.Of(answered));

    /// <summary>Sets how several enable conditions combine.</summary>
    /// <param name="behavior">All or any.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EnableBehavior(EnableBehavior behavior)
    {
        _enableBehavior = behavior;
        return this;
    }

    /// <summary>Sets an expression that enables the item when true.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EnableWhenExpression(FormExpression expression)
    {
        _enableWhenExpression = expression;
        return this;
    }

    /// <summary>Enables the item when a C# predicate over the answers is true.</summary>
    /// <param name="predicate">The predicate.</param>
    /// <param name="key">The delegate's key; defaults to <c>{linkId}:enableWhen</c>.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder EnableWhen(Func<ExpressionEvaluationContext, bool> predicate, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _enableWhenExpression = FormExpression.FromDelegate(key ?? $"{LinkId}:enableWhen", ctx => predicate(ctx));
        return this;
    }

    /// <summary>Sets an expression that calculates the answer.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Calculated(FormExpression expression)
    {
        _calculated = expression;
        return this;
    }

    /// <summary>Calculates the answer with a C# delegate (return a number, a string, a boolean or an answer value).</summary>
    /// <param name="calculate">The delegate.</param>
    /// <param name="key">The delegate's key; defaults to <c>{linkId}:calculated</c>.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Calculated(ExpressionDelegate calculate, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(calculate);
        _calculated = FormExpression.FromDelegate(key ?? $"{LinkId}:calculated", calculate);
        return this;
    }

    /// <summary>Adds a variable visible to this item's expressions and its descendants'.</summary>
    /// <param name="variable">The variable (its <see cref="FormExpression.Name"/> is required).</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Variable(FormExpression variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        _variables.Add(variable);
        return this;
    }

    /// <summary>Adds a variable computed by a C# delegate.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="evaluate">The delegate.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Variable(string name, ExpressionDelegate evaluate)
        => Variable(FormExpression.FromDelegate($"{LinkId}:variable:{name}", evaluate, name));

    /// <summary>Adds a rule the answers must satisfy.</summary>
    /// <param name="key">The rule's key; the problem code is <c>constraint:{key}</c>.</param>
    /// <param name="expression">The expression that must be true.</param>
    /// <param name="message">The message for the patient when it is not.</param>
    /// <param name="severity">Whether a failure is an error or a warning.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Constraint(string key, FormExpression expression, string message, ConstraintSeverity severity = ConstraintSeverity.Error)
    {
        _constraints.Add(new FormConstraint { Key = key, Expression = expression, HumanMessage = message, Severity = severity });
        return this;
    }

    /// <summary>Adds a rule the answers must satisfy, as a C# predicate.</summary>
    /// <param name="key">The rule's key; the problem code is <c>constraint:{key}</c>.</param>
    /// <param name="predicate">The predicate that must be true.</param>
    /// <param name="message">The message for the patient when it is not.</param>
    /// <param name="severity">Whether a failure is an error or a warning.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Constraint(string key, Func<ExpressionEvaluationContext, bool> predicate, string message, ConstraintSeverity severity = ConstraintSeverity.Error)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Constraint(key, FormExpression.FromDelegate($"{LinkId}:constraint:{key}", ctx => predicate(ctx)), message, severity);
    }

    /// <summary>Adds an extension the model does not interpret, kept for round trips.</summary>
    /// <param name="extension">The extension.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Extension(FormExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        _extensions.Add(extension);
        return this;
    }

    /// <summary>Keeps an element of the source format the model does not interpret.</summary>
    /// <param name="name">The JSON property name, for example <c>_text</c>.</param>
    /// <param name="json">The element's JSON text.</param>
    /// <returns>This builder.</returns>
    public ItemBuilder Unmapped(string name, string json)
    {
        _unmapped[name] = json;
        return this;
    }

    internal FormItem Build() => new()
    {
        LinkId = LinkId,
        Type = _type,
        Text = _text,
        Prefix = _prefix,
        Definition = _definition,
        Codes = [.. _codes],
        Required = _required,
        Repeats = _repeats,
        ReadOnly = _readOnly,
        Hidden = _hidden,
        MinOccurs = _minOccurs,
        MaxOccurs = _maxOccurs,
        MaxLength = _maxLength,
        MinLength = _minLength,
        MinValue = _minValue,
        MaxValue = _maxValue,
        MaxDecimalPlaces = _maxDecimalPlaces,
        Regex = _regex,
        EntryFormat = _entryFormat,
        Unit = _unit,
        UnitOptions = [.. _unitOptions],
        UnitValueSet = _unitValueSet,
        AllowedContentTypes = [.. _contentTypes],
        MaxAttachmentSize = _maxSize,
        AnswerOptions = [.. _options],
        AnswerValueSet = _answerValueSet,
        Initial = [.. _initial],
        InitialExpression = _initialExpression,
        EnableWhen = [.. _enableWhen],
        EnableBehavior = _enableBehavior,
        EnableWhenExpression = _enableWhenExpression,
        CalculatedExpression = _calculated,
        Variables = [.. _variables],
        Constraints = [.. _constraints],
        Items = BuildItems(),
        Extensions = [.. _extensions],
        UnmappedElements = new Dictionary<string, string>(_unmapped, StringComparer.Ordinal),
    };
}
