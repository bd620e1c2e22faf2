namespace Remedora.Fhir.Validation;

/// <summary>What kind of definition a <see cref="FhirUnresolvedProfile"/> is.</summary>
public enum FhirProfileKind
{
    /// <summary>A profile the resource claims (<c>meta.profile</c>), for example an SDC profile.</summary>
    Profile = 0,

    /// <summary>The definition of an extension the resource uses, for example an SDC extension.</summary>
    Extension = 1,
}
