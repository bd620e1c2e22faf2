namespace Remedora.Testing.Storage;

/// <summary>The states of a <see cref="ConformanceDocument"/>.</summary>
public enum ConformanceState
{
    /// <summary>Open.</summary>
    Open = 0,

    /// <summary>Closed.</summary>
    Closed = 1,
}
