namespace Remedora;

/// <summary>
/// The base of every exception the SDK throws for an outcome a caller must handle. <see cref="Code"/> is stable
/// across versions (see <see cref="RemedoraErrorCodes"/>), <see cref="Category"/> says what kind of outcome it is (an
/// HTTP layer maps it without a table of exception types); the message says what was wrong and what to do, and never
/// carries patient data.
/// </summary>
public abstract class RemedoraException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="RemedoraException"/> class.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="category">What kind of outcome this is.</param>
    /// <param name="message">What was wrong and what to do; identifiers only, never patient data.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    protected RemedoraException(string code, RemedoraErrorCategory category, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown error category.");
        }

        Code = code;
        Category = category;
    }

    /// <summary>Gets the stable error code, for example <c>remedora.concurrency_conflict</c>.</summary>
    public string Code { get; }

    /// <summary>Gets what kind of outcome this is: not found, conflict, validation, forbidden or unavailable.</summary>
    public RemedoraErrorCategory Category { get; }
}

/// <summary>The stable codes of the SDK's errors. Each package documents its own codes in docs/errors.md.</summary>
public static class RemedoraErrorCodes
{
    /// <summary>The record does not exist, or the actor may not know that it exists.</summary>
    public const string NotFound = "remedora.not_found";

    /// <summary>The record changed since it was read (optimistic concurrency).</summary>
    public const string ConcurrencyConflict = "remedora.concurrency_conflict";

    /// <summary>The input is invalid; the problems list every issue with its path.</summary>
    public const string ValidationFailed = "remedora.validation_failed";

    /// <summary>The actor may see the record but not perform this action on it.</summary>
    public const string AccessDenied = "remedora.access_denied";

    /// <summary>Break-glass access was requested without a reason.</summary>
    public const string BreakGlassReasonRequired = "remedora.break_glass_reason_required";

    /// <summary>A record of one tenant was given to an operation of another tenant.</summary>
    public const string TenantMismatch = "remedora.tenant_mismatch";
}

/// <summary>
/// The record does not exist in the actor's tenant, or the access policy keeps it out of the actor's scope (the two
/// are indistinguishable on purpose, so no caller learns that an out-of-scope record exists).
/// </summary>
public sealed class RecordNotFoundException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="RecordNotFoundException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>Patient</c>.</param>
    /// <param name="resourceId">The record's id.</param>
    public RecordNotFoundException(string resourceType, string resourceId)
        : base(RemedoraErrorCodes.NotFound, RemedoraErrorCategory.NotFound, $"No {resourceType} with id '{resourceId}' was found. Check the id, the actor's tenant and the actor's relationship to the patient.")
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the record's id.</summary>
    public string ResourceId { get; }
}

/// <summary>A write was based on a stale version of a record: someone else changed it first.</summary>
public sealed class ConcurrencyConflictException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="ConcurrencyConflictException"/> class.</summary>
    /// <param name="resourceType">The kind of record, for example <c>CareCase</c>.</param>
    /// <param name="resourceId">The record's id.</param>
    /// <param name="expectedVersion">The version the write was based on.</param>
    /// <param name="actualVersion">The version found in storage; <see langword="null"/> when the record no longer exists (or, for a new record, already existed).</param>
    public ConcurrencyConflictException(string resourceType, string resourceId, long expectedVersion, long? actualVersion)
        : base(RemedoraErrorCodes.ConcurrencyConflict, RemedoraErrorCategory.Conflict, BuildMessage(resourceType, resourceId, expectedVersion, actualVersion))
    {
        ResourceType = resourceType;
        ResourceId = resourceId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the record's id.</summary>
    public string ResourceId { get; }

    /// <summary>Gets the version the write was based on (0 for an insert).</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version found in storage.</summary>
    /// <value>The version; <see langword="null"/> when the record was not found.</value>
    public long? ActualVersion { get; }

    private static string BuildMessage(string type, string id, long expected, long? actual)
        => expected == 0
            ? $"{type} '{id}' already exists; it cannot be inserted again. Load it and update it instead."
            : actual is null
                ? $"{type} '{id}' was expected at version {expected} but no longer exists. Reload it before changing it."
                : $"{type} '{id}' was changed by someone else: expected version {expected} but found version {actual}. Reload it and apply the change again.";
}

/// <summary>The input is invalid. <see cref="Problems"/> lists every issue found, not just the first.</summary>
public sealed class ValidationFailedException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="ValidationFailedException"/> class.</summary>
    /// <param name="problems">The problems; at least one.</param>
    public ValidationFailedException(IReadOnlyList<ValidationProblem> problems)
        : base(RemedoraErrorCodes.ValidationFailed, RemedoraErrorCategory.Validation, BuildMessage(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, each with the path of the offending value, a stable code and a message.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    private static string BuildMessage(IReadOnlyList<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A validation failure needs at least one problem.", nameof(problems));
        }

        var first = problems[0];
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count == 2 ? string.Empty : "s")})" : string.Empty;
        return $"The input is invalid: {first.Path}: {first.Message} [{first.Code}]{more}.";
    }
}

/// <summary>One problem with an input.</summary>
/// <param name="Path">Where the problem is, for example <c>patient.birthDate</c> or <c>item[phq9-9].answer</c>.</param>
/// <param name="Code">A stable code, for example <c>required</c> or <c>max-length</c>.</param>
/// <param name="Message">What is wrong and how to fix it, without repeating the offending value.</param>
public sealed record ValidationProblem(string Path, string Code, string Message);

/// <summary>The actor may know the record exists but may not perform this action on it (for example a patient deleting a record).</summary>
public sealed class AccessDeniedException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="AccessDeniedException"/> class.</summary>
    /// <param name="resourceType">The kind of record.</param>
    /// <param name="action">The action that was refused.</param>
    /// <param name="role">The actor's role.</param>
    public AccessDeniedException(string resourceType, string action, ActorRole role)
        : base(RemedoraErrorCodes.AccessDenied, RemedoraErrorCategory.Forbidden, $"A {role} may not {action} a {resourceType}. Act in a role that is allowed to, or state a purpose of use that permits it.")
    {
        ResourceType = resourceType;
        Action = action;
        Role = role;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the action that was refused.</summary>
    public string Action { get; }

    /// <summary>Gets the actor's role.</summary>
    public ActorRole Role { get; }
}

/// <summary>Break-glass (emergency) access was requested without a reason.</summary>
public sealed class BreakGlassReasonRequiredException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="BreakGlassReasonRequiredException"/> class.</summary>
    public BreakGlassReasonRequiredException()
        : base(RemedoraErrorCodes.BreakGlassReasonRequired, RemedoraErrorCategory.Validation, "Break-glass access needs a reason: state why ordinary access is not enough (it is recorded in the audit log).")
    {
    }
}

/// <summary>A record of one tenant was given to an operation working in another tenant.</summary>
public sealed class TenantMismatchException : RemedoraException
{
    /// <summary>Initializes a new instance of the <see cref="TenantMismatchException"/> class.</summary>
    /// <param name="resourceType">The kind of record.</param>
    /// <param name="expected">The tenant of the operation.</param>
    /// <param name="actual">The tenant of the record.</param>
    public TenantMismatchException(string resourceType, TenantId expected, TenantId actual)
        : base(RemedoraErrorCodes.TenantMismatch, RemedoraErrorCategory.Forbidden, $"A {resourceType} of tenant '{actual}' cannot be written in tenant '{expected}'. Open the operation in the record's own tenant.")
    {
        ResourceType = resourceType;
        ExpectedTenant = expected;
        ActualTenant = actual;
    }

    /// <summary>Gets the kind of record.</summary>
    public string ResourceType { get; }

    /// <summary>Gets the tenant of the operation.</summary>
    public TenantId ExpectedTenant { get; }

    /// <summary>Gets the tenant of the record.</summary>
    public TenantId ActualTenant { get; }
}
