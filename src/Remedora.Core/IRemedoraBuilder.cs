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
