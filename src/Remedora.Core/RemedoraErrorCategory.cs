namespace Remedora;

/// <summary>
/// What kind of outcome a <see cref="RemedoraException"/> reports. Every exception of the SDK has exactly one, so an
/// HTTP layer maps them by category (for example 404, 409, 422, 403 and 503) rather than by exception type.
/// </summary>
public enum RemedoraErrorCategory
{
    /// <summary>The record does not exist, or the actor may not know that it exists (HTTP 404).</summary>
    NotFound = 1,

    /// <summary>The operation collides with the current state: a stale version, a taken unique value, an overlapping
    /// time range, a lost lease (HTTP 409). Reload and try again, or choose another value.</summary>
    Conflict = 2,

    /// <summary>The input is invalid; the exception says where and why (HTTP 422, or 400 for malformed syntax).</summary>
    Validation = 3,

    /// <summary>The actor may know the record exists but may not perform this operation (HTTP 403).</summary>
    Forbidden = 4,

    /// <summary>A dependency or configuration the operation needs is missing or not working: a key, a specification
    /// package, a database (HTTP 503). Retrying later or fixing the configuration helps; changing the input does not.</summary>
    Unavailable = 5,
}
