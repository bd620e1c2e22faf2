using System.Reflection;
using Remedora.Storage;

namespace Remedora.Security.Tests.World;

/// <summary>Reads whole collections whose document type is only known at run time.</summary>
internal static class StorageReflection
{
    private static readonly MethodInfo AllOfT = typeof(StorageReflection).GetMethod(nameof(AllTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<IReadOnlyList<object>> AllAsync(IStorageSession session, DocumentCollection collection)
    {
        var task = (Task<IReadOnlyList<object>>)AllOfT.MakeGenericMethod(collection.DocumentType).Invoke(null, [session])!;
        return await task;
    }

    private static async Task<IReadOnlyList<object>> AllTypedAsync<T>(IStorageSession session)
        where T : class
    {
        var documents = new List<object>();
        string? token = null;
        do
        {
            var page = await session.QueryAsync(DocumentQuery<T>.All.Take(DocumentQuery<T>.MaxLimit).After(token));
            documents.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return documents;
    }
}
