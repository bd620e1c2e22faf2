using Remedora.Fhir.Validation;

namespace Remedora.Fhir.Tests;

/// <summary>
/// The validator, loaded once per test run: loading the R4 specification and compiling its schemas takes seconds, so
/// every test class that validates shares this one instance (through the <see cref="FhirSpecificationCollection"/>).
/// </summary>
public sealed class FhirSpecificationFixture
{
    private static readonly Lazy<FhirValidator> Shared = new(() => new FhirValidator(), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Gets the shared validator.</summary>
    public FhirValidator Validator => Shared.Value;
}

/// <summary>The test classes that use the shared validator.</summary>
[CollectionDefinition(Name)]
public sealed class FhirSpecificationCollection : ICollectionFixture<FhirSpecificationFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "FHIR specification";
}
