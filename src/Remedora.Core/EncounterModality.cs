namespace Remedora;

/// <summary>How a clinical interaction takes place.</summary>
public enum EncounterModality
{
    /// <summary>Asynchronous (store and forward): the patient submits, the clinician reviews later.</summary>
    Async = 0,

    /// <summary>A live video visit.</summary>
    Video = 1,

    /// <summary>A live phone visit.</summary>
    Phone = 2,

    /// <summary>A live chat visit.</summary>
    Chat = 3,
}
