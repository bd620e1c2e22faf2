using Microsoft.Extensions.DependencyInjection;

namespace Remedora;

/// <summary>
/// Configures Remedora in a service collection. Returned by <c>AddRemedora</c>; every package adds its
/// registration as an extension method on it (<c>r.AddIntake().AddCarePaths().UseInMemoryStorage()</c>).
/// </summary>
public interface IRemedoraBuilder
{
    /// <summary>Gets the service collection Remedora is registered in.</summary>
    IServiceCollection Services { get; }
}

internal sealed class RemedoraBuilder(IServiceCollection services) : IRemedoraBuilder
{
    public IServiceCollection Services { get; } = services;
}

/// <summary>Marks a service collection in which Remedora's core services are already registered.</summary>
internal sealed class RemedoraMarkerService;
