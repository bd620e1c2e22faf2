using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Security.Tests.Attacks;

/// <summary>One public method that acts for an actor, with the service instance to call it on.</summary>
internal sealed record EntryPoint(string Name, object Service, MethodInfo Method, Type? RecordType)
{
    public override string ToString() => Name;
}

/// <summary>
/// Finds every public entry point of the shipped packages that acts for an actor: each public instance method of a
/// public class of a <c>Remedora.*</c> assembly that takes an <see cref="ActorContext"/>. The generic records API is
/// expanded to every collection of the storage model. New packages, services, methods and collections are covered
/// without editing the suite; a service the container cannot give is reported, not skipped.
/// </summary>
internal static class EntryPointCatalog
{
    /// <summary>Types that take an actor but are not entry points: values and plumbing, each with the reason.</summary>
    private static readonly Dictionary<Type, string> NotEntryPoints = new()
    {
        [typeof(ActorContext)] = "the actor itself",
        [typeof(ContinuationTokenProtector)] = "the sealing primitive the entry points use; its tokens are attacked through every search in TokenAttacks",
    };

    public static Assembly[] ShippedAssemblies { get; } =
    [
        typeof(ActorContext).Assembly,
        typeof(IRecords<>).Assembly,
        typeof(Remedora.Audit.AuditReports).Assembly,
        typeof(Remedora.Intake.Submissions.IntakeSubmissionService).Assembly,
        typeof(Remedora.CarePaths.CarePathEngine).Assembly,
    ];

    public static (IReadOnlyList<EntryPoint> EntryPoints, IReadOnlyList<string> Unresolved) Discover(IServiceProvider services, StorageModel model)
    {
        var entryPoints = new List<EntryPoint>();
        var unresolved = new List<string>();
        foreach (var type in ShippedAssemblies.SelectMany(a => a.GetExportedTypes()).Where(IsCandidate).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var methods = ActorMethods(type).ToList();
            if (methods.Count == 0 || NotEntryPoints.ContainsKey(type))
            {
                continue;
            }

            if (type.IsGenericTypeDefinition)
            {
                if (type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRecords<>)))
                {
                    foreach (var collection in model.Collections)
                    {
                        var closed = typeof(IRecords<>).MakeGenericType(collection.DocumentType);
                        var service = services.GetService(closed);
                        if (service is null)
                        {
                            unresolved.Add($"{closed} for collection '{collection.Name}'");
                            continue;
                        }

                        entryPoints.AddRange(ActorMethods(closed).Select(m => new EntryPoint($"IRecords<{collection.DocumentType.Name}>.{m.Name}", service, m, collection.DocumentType)));
                    }
                }
                else
                {
                    unresolved.Add($"{type} (generic: teach the suite how to close it)");
                }

                continue;
            }

            var instance = Resolve(services, type);
            if (instance is null)
            {
                unresolved.Add(type.FullName!);
                continue;
            }

            entryPoints.AddRange(methods.Select(m => new EntryPoint($"{type.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})", instance, m, null)));
        }

        return (entryPoints, unresolved);
    }

    private static bool IsCandidate(Type type)
        => type.IsClass && !type.IsAbstract && !type.IsSubclassOf(typeof(Delegate)) && !typeof(Exception).IsAssignableFrom(type);

    private static IEnumerable<MethodInfo> ActorMethods(Type type)
        => type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && m.DeclaringType != typeof(object) && m.GetParameters().Any(p => p.ParameterType == typeof(ActorContext)))
            .Concat(type.IsInterface ? type.GetInterfaces().SelectMany(i => i.GetMethods()).Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(ActorContext))) : [])
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ThenBy(m => m.GetParameters().Length);

    private static object? Resolve(IServiceProvider services, Type type)
    {
        if (services.GetService(type) is { } direct)
        {
            return direct;
        }

        foreach (var contract in type.GetInterfaces())
        {
            if (services.GetService(contract) is { } viaContract && viaContract.GetType() == type)
            {
                return viaContract;
            }
        }

        return null;
    }
}
