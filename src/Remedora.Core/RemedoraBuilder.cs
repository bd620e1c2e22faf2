using Microsoft.Extensions.DependencyInjection;

namespace Remedora;

internal sealed class RemedoraBuilder(IServiceCollection services) : IRemedoraBuilder
{
    public IServiceCollection Services { get; } = services;
}
