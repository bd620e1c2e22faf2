using Microsoft.Extensions.Logging;

namespace Remedora.Intake.Diagnostics;

/// <summary>Source-generated log messages of the intake package. Parameters are URLs, versions, codes and counts, never answers.</summary>
internal static partial class IntakeLog
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Debug, Message = "Form {Url}|{Version} loaded: {ItemCount} items, {WarningCount} warnings")]
    public static partial void DefinitionLoaded(ILogger logger, string url, string version, int itemCount, int warningCount);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Form {Url}|{Version} rejected: {ErrorCount} errors")]
    public static partial void DefinitionRejected(ILogger logger, string url, string version, int errorCount);
}
