using System.Buffers.Text;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Storage;

namespace Remedora.Testing.Storage;

/// <content>Continuation tokens of <see cref="IRecords{T}.SearchAsync"/>: sealed, bound to the actor and the query, carrying nothing readable.</content>
public abstract partial class RecordsConformanceTests
{
    /// <summary>Paging a filtered search visits every visible record exactly once, and the tokens of hidden rows' pages name none of them in any encoding.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SearchAsync_FilteredPages_TokensCarryNoHiddenKeyAndEveryVisibleRecordOnce()
    {
        await using var context = await StartAsync();
        var (mine, clinician) = await SeedAsync(context, onCareTeam: true);
        var hidden = await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 7).Select(_ => ConformanceData.Patient(context.TenantA)).ToArray());
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var seen = new List<Id<Patient>>();
        var tokens = new List<string>();
        string? token = null;
        do
        {
            var page = await records.SearchAsync(clinician, DocumentQuery<Patient>.All.Take(2).After(token));
            seen.AddRange(page.Items.Select(p => p.Id));
            token = page.ContinuationToken;
            if (token is not null)
            {
                tokens.Add(token);
            }
        }
        while (token is not null);

        Assert.Equal([mine.Id], seen);
        Assert.True(tokens.Count >= 3, "the hidden rows span several pages");
        foreach (var sealedToken in tokens)
        {
            foreach (var key in hidden.Select(p => p.Id))
            {
                AssertCarriesNoForm(sealedToken, key);
            }
        }
    }

    /// <summary>Two actors running the same query get different tokens, and neither may continue with the other's.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SearchAsync_TokenOfAnotherActor_RefusedAndAudited()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 4).Select(_ => ConformanceData.Patient(context.TenantA)).ToArray());
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var admin = ActorContext.ForAdministrator(context.TenantA, "admin-1", PurposeOfUse.Operations);
        var otherAdmin = ActorContext.ForAdministrator(context.TenantA, "admin-2", PurposeOfUse.Operations);
        var system = ActorContext.ForSystem(context.TenantA, "admin-1");
        var query = DocumentQuery<Patient>.All.Take(2);

        var mine = (await records.SearchAsync(admin, query)).ContinuationToken!;
        var theirs = (await records.SearchAsync(otherAdmin, query)).ContinuationToken!;

        Assert.NotEqual(mine, theirs);
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(otherAdmin, query.After(mine)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, query.After(mine)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(ActorContext.ForAdministrator(context.TenantB, "admin-1", PurposeOfUse.Operations), query.After(mine)));
        Assert.Equal(2, (await records.SearchAsync(admin, query.After(mine))).Items.Count);
        var failed = (await ConformanceData.ReadChainAsync(context, context.TenantA)).Where(r => r.Event.Outcome == AuditOutcome.Failed && r.Event.Detail == StorageErrorCodes.InvalidContinuationToken).ToArray();
        Assert.Equal([otherAdmin.UserId, system.UserId], failed.Select(r => r.Event.ActorId));
    }

    /// <summary>A token is bound to its query: another condition, order, direction or page size refuses it; another collection does too.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SearchAsync_TokenOnAnotherQuery_Refused()
    {
        await using var context = await StartAsync();
        await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 4).Select(_ => ConformanceData.Patient(context.TenantA)).ToArray());
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var query = DocumentQuery<Patient>.All.Where("jurisdiction", "US-CA").Take(2);
        var token = (await records.SearchAsync(system, query)).ContinuationToken!;

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, query.Take(3).After(token)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, DocumentQuery<Patient>.All.Take(2).After(token)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, DocumentQuery<Patient>.All.Where("jurisdiction", "US-NY").Take(2).After(token)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, query.OrderBy("jurisdiction").After(token)));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => context.Services.GetRequiredService<IRecords<Practitioner>>().SearchAsync(system, DocumentQuery<Practitioner>.All.Take(2).After(token)));
        Assert.Equal(2, (await records.SearchAsync(system, query.After(token))).Items.Count);
    }

    /// <summary>Altered, truncated, extended, empty and forged tokens (including the plain provider format) are refused with one message that only says how to page.</summary>
    /// <returns>A task.</returns>
    [SkippableFact]
    public async Task SearchAsync_TamperedOrForgedToken_RefusedWithOneMessage()
    {
        await using var context = await StartAsync();
        var stored = await ConformanceData.InsertAsync(context, context.TenantA, Enumerable.Range(0, 4).Select(_ => ConformanceData.Patient(context.TenantA)).ToArray());
        var records = context.Services.GetRequiredService<IRecords<Patient>>();
        var system = ActorContext.ForSystem(context.TenantA, "conformance");
        var query = DocumentQuery<Patient>.All.Take(2);
        var token = (await records.SearchAsync(system, query)).ContinuationToken!;
        var bytes = Base64Url.DecodeFromChars(token);
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x01;

        var forged = new[]
        {
            Base64Url.EncodeToString(flipped),
            token[..^1],
            token[..(token.Length / 2)],
            token + "A",
            string.Empty,
            "not a token",
            ContinuationToken.Encode(null, stored[0].Id.ToString()),
        };

        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in forged)
        {
            var refused = await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => records.SearchAsync(system, query.After(candidate)));
            Assert.Equal(StorageErrorCodes.InvalidContinuationToken, refused.Code);
            messages.Add(refused.Message);
        }

        Assert.Contains("pass the token of the previous page of the same query unchanged", Assert.Single(messages), StringComparison.Ordinal);
    }

    private static void AssertCarriesNoForm(string token, Id<Patient> key)
    {
        var text = key.ToString();
        var utf8 = Encoding.UTF8.GetBytes(text);
        var forms = new List<string> { text, key.Value.ToString("N"), Convert.ToHexString(key.Value.ToByteArray()), Convert.ToHexString(utf8) };
        for (var shift = 0; shift < 3; shift++)
        {
            var padded = new byte[shift].Concat(utf8).ToArray();
            var encoded = Convert.ToBase64String(padded).TrimEnd('=');
            var stable = encoded.Substring(4, encoded.Length - 8);
            forms.Add(stable);
            forms.Add(stable.Replace('+', '-').Replace('/', '_'));
        }

        foreach (var form in forms)
        {
            Assert.DoesNotContain(form, token, StringComparison.OrdinalIgnoreCase);
        }

        var decoded = Base64Url.DecodeFromChars(token);
        Assert.Equal(-1, decoded.AsSpan().IndexOf(utf8));
        Assert.Equal(-1, decoded.AsSpan().IndexOf(key.Value.ToByteArray()));
    }
}
