namespace Remedora;

/// <summary>Where a request came from, recorded in audit records.</summary>
/// <param name="Application">The application or service that made the request, for example <c>patient-portal</c>.</param>
/// <param name="NetworkAddress">The client's network address, when known.</param>
/// <param name="Device">The client device or user agent, when known.</param>
public sealed record RequestSource(string Application, string? NetworkAddress = null, string? Device = null);
