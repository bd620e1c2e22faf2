using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Remedora.Security.Tests.World;
using Remedora.Storage;

namespace Remedora.Security.Tests.Attacks;

/// <summary>What one call did.</summary>
internal sealed partial record Outcome(object? Result, Exception? Error)
{
    public bool Threw => Error is not null;

    public string Describe(params string[] ids)
        => Error is null ? "succeeded" : $"{Error.GetType().Name} [{(Error as RemedoraException)?.Code}] \"{Normalize(Error.Message, ids)}\"";

    /// <summary>Masks the substituted id, and every other GUID (ids the SDK chose for the call), in a message.</summary>
    public static string Normalize(string text, params string[] ids)
        => AnyGuid().Replace(ids.Aggregate(text, (t, id) => t.Replace(id, "<id>", StringComparison.OrdinalIgnoreCase)), "<guid>");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex AnyGuid();
}

/// <summary>
/// Runs every entry point for every attacker, once with one of the attacker's own ids replaced by the victim's and
/// once by an id that exists nowhere, and checks that the two behave alike (the same exception and message, with the
/// id masked), that the victim's variant changed nothing and was audited, and that nothing returned names the victim.
/// </summary>
internal sealed class AttackRunner(SecurityWorld world)
{
    private static readonly JsonSerializerOptions Json = JsonDocumentCodec.CreateDefaultOptions();
    private readonly Arguments _arguments = new(world);

    public List<string> Failures { get; } = [];

    public List<string> Uncovered { get; } = [];

    public int Attempts { get; private set; }

    public HashSet<string> EntryPointsAttacked { get; } = new(StringComparer.Ordinal);

    public async Task AttackAsync(EntryPoint entryPoint, Attacker attacker)
    {
        MethodInfo method;
        object?[] own;
        try
        {
            (method, own) = _arguments.Own(entryPoint, attacker);
        }
        catch (NoSampleException ex)
        {
            Uncovered.Add(ex.Message);
            return;
        }

        var victim = world.B;
        var tried = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (collection, ownKeys) in attacker.Own.KeysByCollection)
        {
            if (!victim.KeysByCollection.TryGetValue(collection, out var victimKeys) || !tried.Add(ownKeys[0]))
            {
                continue; // documents that share their key with another (a case's facts) are tried once
            }

            var from = ownKeys[0];
            var to = victimKeys[0];
            object?[] victimArgs;
            try
            {
                if (!Arguments.TrySubstitute(method, own, from, to, out victimArgs))
                {
                    continue;
                }
            }
            catch (NoSampleException ex)
            {
                Uncovered.Add($"{entryPoint}: {ex.Message}");
                continue;
            }

            var fresh = Guid.CreateVersion7().ToString("D");
            Arguments.TrySubstitute(method, own, from, fresh, out var freshArgs);
            Attempts++;
            EntryPointsAttacked.Add(entryPoint.Name);
            await CompareAsync($"{entryPoint} as {attacker}, {collection} id of B", entryPoint, method, attacker, victimArgs, freshArgs, to, fresh);
        }
    }

    private async Task CompareAsync(string label, EntryPoint entryPoint, MethodInfo method, Attacker attacker, object?[] victimArgs, object?[] freshArgs, string victimId, string freshId)
    {
        var before = await world.SnapshotAsync();
        var victimDocuments = Encode(await CollectAsync(world.B));
        var auditBefore = await world.AuditCountAsync(attacker.Actor.TenantId);
        var onVictim = await InvokeAsync(entryPoint.Service, method, victimArgs);
        var after = await world.SnapshotAsync();
        var audited = await world.AuditSinceAsync(attacker.Actor.TenantId, auditBefore);
        var onFresh = await InvokeAsync(entryPoint.Service, method, freshArgs);

        if (onVictim.Error is { } error && error is not RemedoraException and not ArgumentException)
        {
            Failures.Add($"{label}: threw {error.GetType().Name} (not a RemedoraException): {Outcome.Normalize(error.Message, victimId)}");
        }

        if (onVictim.Threw != onFresh.Threw
            || onVictim.Error?.GetType() != onFresh.Error?.GetType()
            || (onVictim.Error is { } v && onFresh.Error is { } f && Outcome.Normalize(v.Message, victimId) != Outcome.Normalize(f.Message, freshId)))
        {
            Failures.Add($"{label}: the victim's id gave {onVictim.Describe(victimId)}, an id that exists nowhere gave {onFresh.Describe(freshId)}");
        }

        if (onVictim.Threw)
        {
            var changed = before.Keys.Where(k => !after.TryGetValue(k, out var a) || !a.SequenceEqual(before[k])).ToList();
            if (changed.Count > 0)
            {
                Failures.Add($"{label}: refused, but changed {string.Join(", ", changed)}");
            }

            if (!audited.Any(r => r.Event.ActorId == attacker.Actor.UserId && r.Event.Outcome != AuditOutcome.Success))
            {
                Failures.Add($"{label}: refused without an audit record of the attempt");
            }
        }
        else
        {
            var victimAfter = Encode(await CollectAsync(world.B));
            if (!victimAfter.SequenceEqual(victimDocuments))
            {
                Failures.Add($"{label}: succeeded and changed B's records");
            }

            if (Leaks(onVictim.Result) is { } leaked)
            {
                Failures.Add($"{label}: succeeded and returned B's {leaked}");
            }
        }
    }

    /// <summary>Checks a result for any key of the victim's records.</summary>
    public string? Leaks(object? result)
    {
        if (result is null)
        {
            return null;
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(result, result.GetType(), Json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            json = result.ToString() ?? string.Empty;
        }

        foreach (var (collection, keys) in world.B.KeysByCollection)
        {
            if (keys.FirstOrDefault(k => json.Contains(k, StringComparison.OrdinalIgnoreCase)) is { } key)
            {
                return $"{collection} key {key}";
            }
        }

        return null;
    }

    public static async Task<Outcome> InvokeAsync(object service, MethodInfo method, object?[] arguments)
    {
        try
        {
            var returned = method.Invoke(service, arguments);
            return new Outcome(await UnwrapAsync(returned), null);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            return new Outcome(null, inner);
        }
        catch (Exception ex)
        {
            return new Outcome(null, ex);
        }
    }

    private static async Task<object?> UnwrapAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            case ValueTask valueTask:
                await valueTask;
                return null;
            case not null when returned.GetType().IsGenericType && returned.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>):
                var asTask = (Task)returned.GetType().GetMethod("AsTask")!.Invoke(returned, null)!;
                await asTask;
                return asTask.GetType().GetProperty("Result")!.GetValue(asTask);
            default:
                return returned;
        }
    }

    private async Task<Dictionary<string, List<object>>> CollectAsync(PatientWorld patient)
    {
        var documents = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        await using var session = world.Sessions.OpenSession(patient.Tenant);
        foreach (var collection in world.Model.Collections.Where(c => c.HasPatient))
        {
            documents[collection.Name] = [.. (await StorageReflection.AllAsync(session, collection)).Where(d => collection.GetPatient(d) == patient.Patient.Id)];
        }

        return documents;
    }

    private List<string> Encode(Dictionary<string, List<object>> documents)
    {
        var codec = new JsonDocumentCodec();
        return [.. documents.SelectMany(kv => kv.Value.Select(d => kv.Key + ":" + codec.Encode(world.Model.Get(kv.Key), d))).Order(StringComparer.Ordinal)];
    }
}
