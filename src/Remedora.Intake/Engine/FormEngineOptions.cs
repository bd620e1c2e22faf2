using System.ComponentModel.DataAnnotations;

namespace Remedora.Intake.Engine;

/// <summary>Options of the form engine. Validated when the host starts.</summary>
public sealed class FormEngineOptions
{
    /// <summary>
    /// Gets or sets how many times the engine recomputes enable conditions and calculated values before it reports that
    /// they do not settle (<see cref="IntakeProblemCodes.CalculationNotStable"/>).
    /// </summary>
    /// <value>The default is 10. From 1 to 100.</value>
    [Range(1, 100, ErrorMessage = "MaxCalculationPasses must be between 1 and 100.")]
    public int MaxCalculationPasses { get; set; } = 10;

    /// <summary>Gets or sets how long one regular-expression match may take before it is abandoned.</summary>
    /// <value>The default is 200 milliseconds. From 1 millisecond to 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10", ErrorMessage = "RegexTimeout must be between 00:00:00.001 and 00:00:10.")]
    public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Gets or sets the largest attachment, in bytes, for items that set no limit of their own.</summary>
    /// <value>The default is 25 MiB. <see langword="null"/> sets no limit.</value>
    [Range(1L, long.MaxValue, ErrorMessage = "MaxAttachmentSize must be at least 1 byte.")]
    public long? MaxAttachmentSize { get; set; } = 25L * 1024 * 1024;

    /// <summary>
    /// Gets the MIME types attachments may have, for items that list none of their own; empty allows any type.
    /// </summary>
    /// <value>The default is empty.</value>
    public IList<string> AllowedAttachmentContentTypes { get; } = [];
}
