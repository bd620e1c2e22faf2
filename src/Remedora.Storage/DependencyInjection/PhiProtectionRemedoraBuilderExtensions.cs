using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Remedora;
using Remedora.Storage;
using Remedora.Storage.Protection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on PHI protection for every storage provider.</summary>
public static class PhiProtectionRemedoraBuilderExtensions
{
    /// <summary>
    /// Encrypts every PHI property at rest and keeps blind indexes for protected indexes, with the keys configured in
    /// <see cref="PhiProtectionOptions"/> (validated at start). Replaces the default <see cref="IDocumentCodec"/> with
    /// <see cref="ProtectedDocumentCodec"/>, whatever the order of registration, and registers
    /// <see cref="PhiReencryptor"/>. Safe to call more than once.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the keys.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder ProtectPhi(this IRemedoraBuilder builder, Action<PhiProtectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(PhiProtectionMarker)))
        {
            services.AddSingleton<PhiProtectionMarker>();
            services.AddOptions<PhiProtectionOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PhiProtectionOptions>, PhiProtectionOptionsValidator>());
            services.TryAddSingleton<IPhiKeyProvider>(sp => sp.GetRequiredService<IOptions<PhiProtectionOptions>>().Value.CreateKeyRing());
            services.Replace(ServiceDescriptor.Singleton<IDocumentCodec>(sp => new ProtectedDocumentCodec(sp.GetRequiredService<IPhiKeyProvider>())));
            services.TryAddSingleton<PhiReencryptor>();
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    /// <summary>
    /// Encrypts every PHI property at rest with keys from <typeparamref name="TKeyProvider"/> (for example a key
    /// management service) instead of <see cref="PhiProtectionOptions"/>.
    /// </summary>
    /// <typeparam name="TKeyProvider">The key provider.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IRemedoraBuilder ProtectPhi<TKeyProvider>(this IRemedoraBuilder builder)
        where TKeyProvider : class, IPhiKeyProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.Replace(ServiceDescriptor.Singleton<IPhiKeyProvider, TKeyProvider>());
        services.Replace(ServiceDescriptor.Singleton<IDocumentCodec>(sp => new ProtectedDocumentCodec(sp.GetRequiredService<IPhiKeyProvider>())));
        services.TryAddSingleton<PhiReencryptor>();
        return builder;
    }

    private sealed class PhiProtectionMarker;
}
