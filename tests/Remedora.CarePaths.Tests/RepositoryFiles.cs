namespace Remedora.CarePaths.Tests;

internal static class RepositoryFiles
{
    public static string Find(string relativePath)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Remedora.Sdk.sln")))
            {
                return Path.Combine(dir.FullName, relativePath);
            }
        }

        throw new InvalidOperationException("The repository root (Remedora.Sdk.sln) was not found above the test's directory.");
    }
}
