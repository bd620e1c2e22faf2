using System.Text.Json.Serialization;

namespace Remedora.Intake;

/// <summary>A coded value.</summary>
/// <param name="Value">The coding.</param>
/// <remarks>
/// The coding keeps the extensions it arrived with (FHIR <c>valueCoding.extension</c>, for example an
/// <c>ordinalValue</c> score a form application wrote on the answer), so expressions that read them find them and
/// an export writes them back. Two coded values are equal when their codings and their extensions are.
/// </remarks>
public sealed record CodingAnswer(FormCoding Value) : AnswerValue
{
    private readonly IReadOnlyList<FormExtension> _extensions = [];

    /// <inheritdoc/>
    public override AnswerValueKind Kind => AnswerValueKind.Coding;

    /// <summary>Gets the extensions of the coding (FHIR <c>Coding.extension</c>), in order; empty when it has none.</summary>
    /// <remarks>Not written to JSON when empty, so values stored before extensions were kept read and write unchanged.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FormExtension>? Extensions
    {
        get => _extensions.Count == 0 ? null : _extensions;
        init => _extensions = value is null ? [] : [.. value];
    }

    /// <summary>Determines whether two coded values have equal codings and equal extensions, in order.</summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(CodingAnswer? other)
        => other is not null && Value == other.Value && _extensions.SequenceEqual(other._extensions);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Value);
        foreach (var extension in _extensions)
        {
            hash.Add(extension);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string FormatValue() => Value.Display ?? Value.Code ?? string.Empty;
}
