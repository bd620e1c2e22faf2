using System.ComponentModel.DataAnnotations;

namespace Remedora;

/// <summary>Options of the core package. Validated when the host starts.</summary>
public sealed class RemedoraOptions
{
    /// <summary>
    /// Gets or sets the id of the application, recorded as the source of audit records and used as the lease owner
    /// prefix of this host's workers.
    /// </summary>
    /// <value>The default is <c>remedora</c>. 1 to 63 characters <c>a-z</c>, <c>0-9</c>, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</value>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,62}$", ErrorMessage = "ApplicationId must be 1 to 63 characters a-z, 0-9, '.', '_' or '-', starting with a letter or digit.")]
    public string ApplicationId { get; set; } = "remedora";

    /// <summary>Gets or sets how long a break-glass grant lasts after the actor invokes it.</summary>
    /// <value>The default is one hour. From one minute to one day.</value>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "BreakGlassDuration must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan BreakGlassDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long a process may reuse the answer "this practitioner is an active member of this tenant"
    /// before asking storage again. A write of the practitioner's record through this process's storage forgets the
    /// answer at once; other processes see a deactivation after at most this long.
    /// </summary>
    /// <value>The default is 30 seconds. From zero (ask storage on every decision) to five minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "TenantMembershipCacheDuration must be between 00:00:00 and 00:05:00.")]
    public TimeSpan TenantMembershipCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets how long a practitioner who completed a work item for a patient keeps access to that patient's
    /// records after completing it (access basis <c>RecentlyCompletedWork</c>), so the clinician who approved a case
    /// can still close it.
    /// </summary>
    /// <value>The default is 24 hours. From zero (access ends with the work item) to seven days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "CompletedWorkAccessWindow must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan CompletedWorkAccessWindow { get; set; } = TimeSpan.FromHours(24);
}
