using Microsoft.Extensions.Logging;

namespace Remedora.CarePaths;

/// <summary>Source-generated log messages of the care paths package: ids, names and codes only, never patient data.</summary>
internal static partial class CarePathsLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Case {CaseId} on {Path} moved from {FromState} to {ToState} by {Trigger}")]
    public static partial void Moved(ILogger logger, Guid caseId, string path, string fromState, string toState, string trigger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Trigger {Trigger} not permitted on case {CaseId} in {State}: {Codes}")]
    public static partial void NotPermitted(ILogger logger, Guid caseId, string trigger, string state, string codes);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Trigger {Trigger} on case {CaseId} lost a concurrency race ({Code})")]
    public static partial void Conflict(ILogger logger, Guid caseId, string trigger, string code);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "SLA deadline of case {CaseId} in {State} fired {Trigger}: {Outcome}")]
    public static partial void TimerFired(ILogger logger, Guid caseId, string state, string trigger, string outcome);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "SLA timer {ItemId} failed ({ErrorType}); it is retried after its lease")]
    public static partial void TimerFailed(ILogger logger, Guid itemId, string errorType);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "An intake event named case {CaseId}, which is not a case of the event's patient in the event's tenant; the case was not changed")]
    public static partial void IntakeRejected(ILogger logger, Guid caseId);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "SLA timer {ItemId} does not match its case; it was spent without firing")]
    public static partial void TimerMismatch(ILogger logger, Guid itemId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "The SLA sweep failed ({ErrorType}); it runs again after the sweep interval")]
    public static partial void SweepFailed(ILogger logger, string errorType);
}
