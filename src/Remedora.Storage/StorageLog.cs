using Microsoft.Extensions.Logging;

namespace Remedora.Storage;

/// <summary>Source-generated log messages of the storage package. Parameters are ids, types, counts and codes, never PHI.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Outbox dispatcher {Owner} started: batches of {BatchSize}, at most {MaxAttempts} attempts")]
    public static partial void DispatcherStarted(ILogger logger, string owner, int batchSize, int maxAttempts);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Outbox dispatcher is disabled; messages are delivered only by explicit RunOnceAsync calls")]
    public static partial void DispatcherDisabled(ILogger logger);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({MessageType}) of tenant {TenantId} failed attempt {Attempt} of {MaxAttempts} in handler {Handler} with {ErrorType}; retrying in {RetryDelay}")]
    public static partial void DeliveryFailed(ILogger logger, Guid messageId, string messageType, TenantId tenantId, int attempt, int maxAttempts, string handler, string errorType, TimeSpan retryDelay);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Outbox message {MessageId} ({MessageType}) of tenant {TenantId} was dead-lettered for handler {Handler} after {Attempt} attempts; last error {ErrorType}")]
    public static partial void DeadLettered(ILogger logger, Guid messageId, string messageType, TenantId tenantId, string handler, int attempt, string errorType);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Debug, Message = "Outbox message {MessageId} ({MessageType}) has no subscriber in this process; recorded as delivered to nobody")]
    public static partial void NoHandler(ILogger logger, string messageType, Guid messageId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "Outbox dispatcher {Owner} lost its lease on message {MessageId} ({MessageType}); it was withdrawn or rescheduled, or another dispatcher may deliver it again")]
    public static partial void LeaseLost(ILogger logger, string owner, Guid messageId, string messageType);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Error, Message = "Outbox dispatcher {Owner} failed to poll the outbox with {ErrorType} {ErrorCode}; retrying after the poll interval")]
    public static partial void PollFailed(ILogger logger, string owner, string errorType, string? errorCode);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Outbox message {MessageId} of tenant {TenantId} was replayed for handler {Handler}")]
    public static partial void Replayed(ILogger logger, Guid messageId, TenantId tenantId, string handler);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Debug, Message = "Outbox dispatcher {Owner} handed out {Messages} messages ({Unhandled} without subscriber) and claimed {Claimed} deliveries: {Delivered} delivered, {Retried} to retry, {DeadLettered} dead-lettered, {Released} released, {LeasesLost} leases lost")]
    public static partial void BatchDispatched(ILogger logger, string owner, int messages, int unhandled, int claimed, int delivered, int retried, int deadLettered, int released, int leasesLost);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "Outbox dispatcher {Owner} failed to hand message {MessageId} ({MessageType}) of tenant {TenantId} to its handlers with {ErrorType}; attempt {Attempt} of {MaxAttempts}")]
    public static partial void FanOutFailed(ILogger logger, string owner, Guid messageId, string messageType, TenantId tenantId, string errorType, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "Outbox dispatcher {Owner} stopped")]
    public static partial void DispatcherStopped(ILogger logger, string owner);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Remedora storage is registered, so this host publishes outbox messages, but no outbox dispatcher is registered in this process: messages wait until a dispatcher in another process delivers them. Call AddOutboxDispatcher() here, or run it on another node and watch the outbox health check")]
    public static partial void NoDispatcherRegistered(ILogger logger);
}
