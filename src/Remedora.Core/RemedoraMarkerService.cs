namespace Remedora;

/// <summary>Marks a service collection in which Remedora's core services are already registered.</summary>
internal sealed class RemedoraMarkerService;
