using System.Buffers.Text;
using System.Text;
using CsCheck;
using Remedora.Security.Tests.Attacks;
using Remedora.Security.Tests.World;
using Remedora.Storage;

namespace Remedora.Security.Tests;

/// <summary>
/// Continuation tokens of the records API, for every collection: a token is opaque (nothing of any record can be
/// read from it), bound to the actor and the query, and an altered, truncated or forged token is refused with a
/// typed error and audited. Run by each provider through a subclass.
/// </summary>
public abstract class TokenAttacks
{
    private protected abstract Task<SecurityWorld> StartAsync();

    [SkippableFact]
    public async Task SearchAsync_TokensOfEveryCollection_AreOpaqueBoundAndTamperProof()
    {
        await using var world = await StartAsync();
        var failures = new List<string>();
        var tokensSeen = 0;
        var owner = ActorContext.ForSystem(SecurityWorld.TenantOne, "security-tests");
        var others = world.Attackers().Select(a => a.Actor).Append(ActorContext.ForSystem(SecurityWorld.TenantOne, "another-component")).ToList();
        foreach (var collection in world.Model.Collections)
        {
            var records = world.Services.GetService(typeof(IRecords<>).MakeGenericType(collection.DocumentType))!;
            var search = records.GetType().GetMethod(nameof(IRecords<Patient>.SearchAsync))!;
            var queryType = typeof(DocumentQuery<>).MakeGenericType(collection.DocumentType);
            var firstPage = queryType.GetMethod("Take")!.Invoke(queryType.GetProperty("All")!.GetValue(null), [1])!;
            var outcome = await AttackRunner.InvokeAsync(records, search, [owner, firstPage, CancellationToken.None]);
            if (outcome.Error is { } error)
            {
                failures.Add($"{collection.Name}: the first page failed: {error.GetType().Name}");
                continue;
            }

            var token = (string?)outcome.Result!.GetType().GetProperty("ContinuationToken")!.GetValue(outcome.Result);
            if (token is null)
            {
                continue;
            }

            tokensSeen++;
            if (Readable(world, token) is { } readable)
            {
                failures.Add($"{collection.Name}: the token shows {readable}");
            }

            var after = (string? t, object query) => queryType.GetMethod("After")!.Invoke(query, [t])!;

            // The owner continues with it.
            var next = await AttackRunner.InvokeAsync(records, search, [owner, after(token, firstPage), CancellationToken.None]);
            if (next.Error is { } nextError)
            {
                failures.Add($"{collection.Name}: the owner could not continue: {nextError.GetType().Name} {nextError.Message}");
            }

            // Every other actor replays it; the owner uses it on another query.
            foreach (var other in others)
            {
                await ExpectRefusedAsync(world, failures, $"{collection.Name}: replayed by {other.UserId} ({other.Role})", records, search, other, after(token, firstPage));
            }

            var otherQuery = queryType.GetMethod("Take")!.Invoke(queryType.GetProperty("All")!.GetValue(null), [2])!;
            await ExpectRefusedAsync(world, failures, $"{collection.Name}: used on another query", records, search, owner, after(token, otherQuery));

            // Altered, truncated, forged.
            var forged = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("1|n:" + Guid.NewGuid()));
            await ExpectRefusedAsync(world, failures, $"{collection.Name}: forged", records, search, owner, after(forged, firstPage));
            await ExpectRefusedAsync(world, failures, $"{collection.Name}: truncated", records, search, owner, after(token[..(token.Length / 2)], firstPage));
            var altered = new List<string>();
            Gen.Int[0, token.Length - 1].Select(Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"])
                .Where(t => token[t.Item1] != t.Item2)
                .Sample(t => altered.Add(string.Concat(token.AsSpan(0, t.Item1), t.Item2.ToString(), token.AsSpan(t.Item1 + 1))), iter: 8, threads: 1);
            foreach (var changed in altered)
            {
                await ExpectRefusedAsync(world, failures, $"{collection.Name}: altered", records, search, owner, after(changed, firstPage));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct()));
        Assert.True(tokensSeen >= 3, $"Only {tokensSeen} collections gave a second page; seed more.");
    }

    private static async Task ExpectRefusedAsync(SecurityWorld world, List<string> failures, string label, object records, System.Reflection.MethodInfo search, ActorContext actor, object query)
    {
        var auditBefore = await world.AuditCountAsync(actor.TenantId);
        var outcome = await AttackRunner.InvokeAsync(records, search, [actor, query, CancellationToken.None]);
        if (outcome.Error is null)
        {
            failures.Add($"{label}: accepted");
            return;
        }

        if (outcome.Error is not RemedoraException)
        {
            failures.Add($"{label}: refused with {outcome.Error.GetType().Name}, not a typed Remedora error");
        }

        var audited = await world.AuditSinceAsync(actor.TenantId, auditBefore);
        if (!audited.Any(r => r.Event.ActorId == actor.UserId && r.Event.Outcome != AuditOutcome.Success))
        {
            failures.Add($"{label}: refused without an audit record");
        }
    }

    private static string? Readable(SecurityWorld world, string token)
    {
        var texts = new List<string> { token };
        try
        {
            var bytes = Base64Url.DecodeFromChars(token);
            texts.Add(Encoding.UTF8.GetString(bytes));
            texts.Add(Convert.ToHexString(bytes));
        }
        catch (FormatException)
        {
        }

        var keys = world.A.AllKeys.Concat(world.B.AllKeys).Concat(world.X.AllKeys).ToList();
        foreach (var key in keys)
        {
            var forms = new[] { key, key.Replace("-", string.Empty, StringComparison.Ordinal) };
            if (texts.Any(t => forms.Any(f => t.Contains(f, StringComparison.OrdinalIgnoreCase))))
            {
                return "key " + key;
            }
        }

        return null;
    }
}

public sealed class InMemoryTokenAttacks : TokenAttacks
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.InMemoryAsync();
}

public sealed class SqliteTokenAttacks : TokenAttacks
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.SqliteAsync();
}

public sealed class PostgreSqlTokenAttacks : TokenAttacks
{
    private protected override Task<SecurityWorld> StartAsync() => Providers.PostgresAsync();
}
