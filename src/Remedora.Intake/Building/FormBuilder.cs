using Remedora.Clinical;
using Remedora.Intake.Expressions;

namespace Remedora.Intake.Building;

/// <summary>
/// Builds a <see cref="FormDefinition"/> in C#:
/// <code>
/// var form = FormBuilder.Create("https://forms.example.org/phq-9", "1.0.0")
///     .Title("PHQ-9")
///     .Choice("phq9-1", "Little interest or pleasure in doing things", q => q.Required().Option(notAtAll, 0).Option(severalDays, 1))
///     .SumScore("total")
///     .RedFlag("self-harm", RuleCondition.Ordinal("phq9-9", ComparisonOperator.GreaterThan, 0), RedFlagSeverity.Critical, RedFlagAction.EscalateToLiveVisit)
///     .Build();
/// </code>
/// The builder does not check the definition; <see cref="Engine.FormEngine.Compile"/> does, and lists every issue.
/// </summary>
public sealed class FormBuilder : ItemContainerBuilder<FormBuilder>
{
    private readonly string _url;
    private readonly string _version;
    private readonly List<string> _subjectTypes = [];
    private readonly List<FormCoding> _codes = [];
    private readonly List<FormIdentifier> _identifiers = [];
    private readonly List<FormExpression> _variables = [];
    private readonly List<FormValueSet> _valueSets = [];
    private readonly List<FormScore> _scores = [];
    private readonly List<RedFlagRule> _redFlags = [];
    private readonly List<FormExtension> _extensions = [];
    private string? _name;
    private string? _title;
    private FormStatus _status = FormStatus.Draft;
    private string? _description;
    private string? _purpose;
    private string? _publisher;
    private string? _copyright;
    private string? _language;
    private FormDateTime? _date;

    private FormBuilder(string url, string version)
    {
        _url = url;
        _version = version;
    }

    /// <summary>Starts a form.</summary>
    /// <param name="url">The canonical URL that identifies the form across versions.</param>
    /// <param name="version">The version; answers record the version they answered.</param>
    /// <returns>The builder.</returns>
    public static FormBuilder Create(string url, string version)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        return new FormBuilder(url, version);
    }

    /// <summary>Sets the computer-friendly name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Name(string name)
    {
        _name = name;
        return this;
    }

    /// <summary>Sets the title shown to people.</summary>
    /// <param name="title">The title.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Title(string title)
    {
        _title = title;
        return this;
    }

    /// <summary>Sets the publication status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Status(FormStatus status)
    {
        _status = status;
        return this;
    }

    /// <summary>Sets the description.</summary>
    /// <param name="description">The description (markdown).</param>
    /// <returns>This builder.</returns>
    public FormBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets why the form exists.</summary>
    /// <param name="purpose">The purpose (markdown).</param>
    /// <returns>This builder.</returns>
    public FormBuilder Purpose(string purpose)
    {
        _purpose = purpose;
        return this;
    }

    /// <summary>Sets the publisher.</summary>
    /// <param name="publisher">The publisher's name.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Publisher(string publisher)
    {
        _publisher = publisher;
        return this;
    }

    /// <summary>Sets the copyright statement.</summary>
    /// <param name="copyright">The statement (markdown).</param>
    /// <returns>This builder.</returns>
    public FormBuilder Copyright(string copyright)
    {
        _copyright = copyright;
        return this;
    }

    /// <summary>Sets the language of the form's texts.</summary>
    /// <param name="language">A BCP 47 tag, for example <c>en</c>.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Language(string language)
    {
        _language = language;
        return this;
    }

    /// <summary>Sets when the definition was last changed.</summary>
    /// <param name="date">The date.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Date(FormDateTime date)
    {
        _date = date;
        return this;
    }

    /// <summary>Adds a kind of subject the form is about, for example <c>Patient</c>.</summary>
    /// <param name="subjectType">The resource type.</param>
    /// <returns>This builder.</returns>
    public FormBuilder SubjectType(string subjectType)
    {
        _subjectTypes.Add(subjectType);
        return this;
    }

    /// <summary>Adds a code for the form as a whole.</summary>
    /// <param name="code">The code.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Code(FormCoding code)
    {
        _codes.Add(code);
        return this;
    }

    /// <summary>Adds a business identifier.</summary>
    /// <param name="identifier">The identifier.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Identifier(FormIdentifier identifier)
    {
        _identifiers.Add(identifier);
        return this;
    }

    /// <summary>Adds a form-level variable.</summary>
    /// <param name="variable">The variable (its <see cref="FormExpression.Name"/> is required).</param>
    /// <returns>This builder.</returns>
    public FormBuilder Variable(FormExpression variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        _variables.Add(variable);
        return this;
    }

    /// <summary>Adds a form-level variable computed by a C# delegate.</summary>
    /// <param name="name">The variable's name.</param>
    /// <param name="evaluate">The delegate.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Variable(string name, ExpressionDelegate evaluate)
        => Variable(FormExpression.FromDelegate($"variable:{name}", evaluate, name));

    /// <summary>Adds a value set items can take their answers from (<see cref="ItemBuilder.AnswerValueSet"/>).</summary>
    /// <param name="valueSet">The value set.</param>
    /// <returns>This builder.</returns>
    public FormBuilder ValueSet(FormValueSet valueSet)
    {
        ArgumentNullException.ThrowIfNull(valueSet);
        _valueSets.Add(valueSet);
        return this;
    }

    /// <summary>Adds a score.</summary>
    /// <param name="score">The score.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Score(FormScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        _scores.Add(score);
        return this;
    }

    /// <summary>Adds a score that sums the scores of the chosen options.</summary>
    /// <param name="name">The score's name.</param>
    /// <param name="items">The questions summed; <see langword="null"/> or empty for every question whose options have scores.</param>
    /// <param name="bands">The interpretation bands.</param>
    /// <returns>This builder.</returns>
    public FormBuilder SumScore(string name, IEnumerable<string>? items = null, params ScoreBand[] bands)
        => Score(new FormScore { Name = name, Method = ScoreMethod.SumOfOrdinals, Items = items?.ToArray() ?? [], Bands = bands ?? [] });

    /// <summary>Adds a score computed by a C# delegate.</summary>
    /// <param name="name">The score's name.</param>
    /// <param name="compute">The delegate; return a number.</param>
    /// <param name="bands">The interpretation bands.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Score(string name, ExpressionDelegate compute, params ScoreBand[] bands)
        => Score(new FormScore { Name = name, Method = ScoreMethod.Expression, Expression = FormExpression.FromDelegate($"score:{name}", compute), Bands = bands ?? [] });

    /// <summary>Adds a red-flag rule.</summary>
    /// <param name="id">The rule's stable id.</param>
    /// <param name="when">The condition.</param>
    /// <param name="severity">The severity of the flag.</param>
    /// <param name="action">What the care path should do.</param>
    /// <param name="description">The description shown to clinicians (no patient data).</param>
    /// <returns>This builder.</returns>
    public FormBuilder RedFlag(string id, RuleCondition when, RedFlagSeverity severity, RedFlagAction action, string? description = null)
    {
        _redFlags.Add(new RedFlagRule { Id = id, When = when, Severity = severity, Action = action, Description = description });
        return this;
    }

    /// <summary>Adds a red-flag rule whose condition is a C# predicate.</summary>
    /// <param name="id">The rule's stable id.</param>
    /// <param name="when">The predicate.</param>
    /// <param name="severity">The severity of the flag.</param>
    /// <param name="action">What the care path should do.</param>
    /// <param name="description">The description shown to clinicians (no patient data).</param>
    /// <returns>This builder.</returns>
    public FormBuilder RedFlag(string id, Func<ExpressionEvaluationContext, bool> when, RedFlagSeverity severity, RedFlagAction action, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(when);
        return RedFlag(id, RuleCondition.IsTrue(FormExpression.FromDelegate($"redFlag:{id}", ctx => when(ctx))), severity, action, description);
    }

    /// <summary>Adds an extension the model does not interpret, kept for round trips.</summary>
    /// <param name="extension">The extension.</param>
    /// <returns>This builder.</returns>
    public FormBuilder Extension(FormExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        _extensions.Add(extension);
        return this;
    }

    /// <summary>Builds the definition.</summary>
    /// <returns>The definition.</returns>
    public FormDefinition Build() => new()
    {
        Url = _url,
        Version = _version,
        Name = _name,
        Title = _title,
        Status = _status,
        Description = _description,
        Purpose = _purpose,
        Publisher = _publisher,
        Copyright = _copyright,
        Language = _language,
        Date = _date,
        SubjectTypes = [.. _subjectTypes],
        Codes = [.. _codes],
        Identifiers = [.. _identifiers],
        Items = BuildItems(),
        Variables = [.. _variables],
        ValueSets = [.. _valueSets],
        Scores = [.. _scores],
        RedFlagRules = [.. _redFlags],
        Extensions = [.. _extensions],
    };
}
