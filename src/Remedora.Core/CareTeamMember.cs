namespace Remedora;

/// <summary>A member of a care team.</summary>
/// <param name="PractitionerId">The practitioner.</param>
/// <param name="Role">The member's role on the team, for example <c>primary</c> or <c>consultant</c>.</param>
public sealed record CareTeamMember(Id<Practitioner> PractitionerId, string Role);
