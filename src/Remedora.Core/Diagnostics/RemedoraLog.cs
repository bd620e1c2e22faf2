using Microsoft.Extensions.Logging;
using Remedora.Access;

namespace Remedora.Diagnostics;

/// <summary>Source-generated log messages of the core package. Parameters are ids, roles and codes, never PHI.</summary>
internal static partial class RemedoraLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Access denied: {Role} may not {Action} {ResourceType} ({Basis})")]
    public static partial void AccessDenied(ILogger logger, ActorRole role, AccessAction action, string resourceType, AccessBasis basis);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Break-glass access granted to {Role} {UserId} to {Action} {ResourceType}")]
    public static partial void BreakGlassGranted(ILogger logger, ActorRole role, string userId, AccessAction action, string resourceType);
}
