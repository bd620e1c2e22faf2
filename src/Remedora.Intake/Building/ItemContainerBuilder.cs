namespace Remedora.Intake.Building;

/// <summary>Adds items to a form or to an item. The base of <see cref="FormBuilder"/> and <see cref="ItemBuilder"/>.</summary>
/// <typeparam name="TSelf">The builder type, returned for chaining.</typeparam>
public abstract class ItemContainerBuilder<TSelf>
    where TSelf : ItemContainerBuilder<TSelf>
{
    private readonly List<ItemBuilder> _items = [];

    private protected ItemContainerBuilder()
    {
    }

    /// <summary>Adds an item of any type.</summary>
    /// <param name="linkId">The item's id, unique within the form.</param>
    /// <param name="type">The type.</param>
    /// <param name="text">The text shown to the patient.</param>
    /// <param name="configure">Sets the item's properties and adds its children.</param>
    /// <returns>This builder.</returns>
    public TSelf Item(string linkId, FormItemType type, string? text = null, Action<ItemBuilder>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(linkId);
        var builder = new ItemBuilder(linkId, type, text);
        configure?.Invoke(builder);
        _items.Add(builder);
        return (TSelf)this;
    }

    /// <summary>Adds a group of items.</summary>
    /// <param name="linkId">The group's id.</param>
    /// <param name="text">The heading shown to the patient.</param>
    /// <param name="configure">Adds the group's items and sets its properties (for example <see cref="ItemBuilder.Repeats"/>).</param>
    /// <returns>This builder.</returns>
    public TSelf Group(string linkId, string? text, Action<ItemBuilder> configure) => Item(linkId, FormItemType.Group, text, configure);

    /// <summary>Adds a text shown to the patient, with no answer.</summary>
    /// <param name="linkId">The item's id.</param>
    /// <param name="text">The text.</param>
    /// <param name="configure">Sets the item's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Display(string linkId, string text, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Display, text, configure);

    /// <summary>Adds a yes/no question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Boolean(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Boolean, text, configure);

    /// <summary>Adds a decimal-number question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Decimal(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Decimal, text, configure);

    /// <summary>Adds a whole-number question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Integer(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Integer, text, configure);

    /// <summary>Adds a date question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Date(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Date, text, configure);

    /// <summary>Adds a date-and-time question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf DateTime(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.DateTime, text, configure);

    /// <summary>Adds a time-of-day question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Time(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Time, text, configure);

    /// <summary>Adds a short-text question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf String(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.String, text, configure);

    /// <summary>Adds a long-text question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Text(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Text, text, configure);

    /// <summary>Adds a URL question.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Url(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Url, text, configure);

    /// <summary>Adds a choice among options (add them with <see cref="ItemBuilder.Option(FormCoding, decimal?, bool)"/>).</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the options and other properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Choice(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Choice, text, configure);

    /// <summary>Adds a choice among options that also accepts free text.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the options and other properties.</param>
    /// <returns>This builder.</returns>
    public TSelf OpenChoice(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.OpenChoice, text, configure);

    /// <summary>Adds a file question (a photo or document, answered by reference).</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the allowed content types, the size limit and other properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Attachment(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Attachment, text, configure);

    /// <summary>Adds a question answered with a reference to another record.</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the question's properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Reference(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Reference, text, configure);

    /// <summary>Adds a quantity question (a number with a unit).</summary>
    /// <param name="linkId">The question's id.</param>
    /// <param name="text">The question.</param>
    /// <param name="configure">Sets the units and other properties.</param>
    /// <returns>This builder.</returns>
    public TSelf Quantity(string linkId, string? text = null, Action<ItemBuilder>? configure = null) => Item(linkId, FormItemType.Quantity, text, configure);

    private protected IReadOnlyList<FormItem> BuildItems()
    {
        var items = new FormItem[_items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = _items[i].Build();
        }

        return items;
    }
}
