namespace Remedora.CarePaths;

/// <summary>A booked live visit.</summary>
/// <param name="AppointmentId">The appointment's id in the scheduling package or system.</param>
/// <param name="StartsAt">When the visit starts.</param>
/// <param name="Modality">How it takes place.</param>
public sealed record VisitBooking(string AppointmentId, DateTimeOffset StartsAt, EncounterModality Modality);
