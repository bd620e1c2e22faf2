using System.Reflection;
using PublicApiGenerator;

namespace Remedora.ApiApproval.Tests;

/// <summary>
/// Approves the public API of every shipped assembly against <c>approved/&lt;Assembly&gt;.approved.txt</c>. A change
/// fails the test and writes <c>approved/&lt;Assembly&gt;.received.txt</c>; <c>REMEDORA_ACCEPT_API=1</c> rewrites the
/// approved files instead, and the diff is reviewed with the change.
/// </summary>
public class PublicApiApprovalTests
{
    private static readonly bool Accept = Environment.GetEnvironmentVariable("REMEDORA_ACCEPT_API") == "1";

    public static TheoryData<string> ShippedAssemblies() => new(ShippedProjects.AssemblyNames);

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void PublicApi_MatchesTheApprovedFile(string assemblyName)
    {
        var received = GeneratePublicApi(Load(assemblyName));
        var approvedPath = ShippedProjects.ApprovedFile(assemblyName);
        var receivedPath = ShippedProjects.ReceivedFile(assemblyName);

        if (Accept)
        {
            File.WriteAllText(approvedPath, received);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? Normalize(File.ReadAllText(approvedPath)) : null;
        if (approved == received)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received);
        Assert.Fail(approved is null
            ? $"{assemblyName} has no approved public API file. Review {receivedPath}; to approve it, run REMEDORA_ACCEPT_API=1 dotnet test tests/Remedora.ApiApproval.Tests and commit {approvedPath}."
            : $"The public API of {assemblyName} changed. Compare {receivedPath} with {approvedPath}; if the change is intended, run REMEDORA_ACCEPT_API=1 dotnet test tests/Remedora.ApiApproval.Tests and commit the approved file. First difference at line {FirstDifference(approved, received)}.");
    }

    [Fact]
    public void PublicApi_RegistrationExtensions_AreUnderApproval()
        => Assert.Contains("public static class RemedoraServiceCollectionExtensions", GeneratePublicApi(Load("Remedora.Core")), StringComparison.Ordinal);

    [Fact]
    public void ShippedProjects_AreFound()
        => Assert.Contains("Remedora.Core", ShippedProjects.AssemblyNames);

    [Fact]
    public void EveryShippedProject_IsReferencedForApproval()
    {
        var missing = ShippedProjects.AssemblyNames.Where(name => !File.Exists(Path.Combine(AppContext.BaseDirectory, name + ".dll"))).ToArray();

        Assert.True(missing.Length == 0, $"Shipped projects not under API approval: {string.Join(", ", missing)}. Add a ProjectReference to each in tests/Remedora.ApiApproval.Tests/Remedora.ApiApproval.Tests.csproj and run REMEDORA_ACCEPT_API=1 dotnet test tests/Remedora.ApiApproval.Tests.");
    }

    [Fact]
    public void EveryShippedProject_HasAnApprovedFile()
    {
        var missing = ShippedProjects.AssemblyNames.Where(name => !File.Exists(ShippedProjects.ApprovedFile(name))).ToArray();

        Assert.True(Accept || missing.Length == 0, $"Shipped projects without an approved public API file: {string.Join(", ", missing)}. Run REMEDORA_ACCEPT_API=1 dotnet test tests/Remedora.ApiApproval.Tests and commit the files.");
    }

    [Fact]
    public void EveryApprovedFile_BelongsToAShippedProject()
    {
        var stale = Directory.GetFiles(ShippedProjects.ApprovedDirectory, "*.approved.txt")
            .Select(path => Path.GetFileName(path)[..^".approved.txt".Length])
            .Except(ShippedProjects.AssemblyNames)
            .ToArray();

        Assert.True(stale.Length == 0, $"Approved files of assemblies that are no longer shipped: {string.Join(", ", stale)}. Delete them.");
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies))]
    public void PublicApi_OutsideRemedoraFhir_ExposesNoFirelyType(string assemblyName)
    {
        if (assemblyName == "Remedora.Fhir")
        {
            return;
        }

        var leaks = GeneratePublicApi(Load(assemblyName)).Split('\n').Where(line => line.Contains("Hl7.Fhir", StringComparison.Ordinal) || line.Contains("Firely.", StringComparison.Ordinal)).ToArray();

        Assert.True(leaks.Length == 0, $"{assemblyName} exposes Firely types; only Remedora.Fhir may: {string.Join(" | ", leaks.Take(3))}");
    }

    private static Assembly Load(string assemblyName) => Assembly.Load(new AssemblyName(assemblyName));

    private static string GeneratePublicApi(Assembly assembly)
        => Normalize(assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            // Registration methods live in Microsoft.Extensions.DependencyInjection (as the conventions ask); the
            // generator leaves out Microsoft.* and System.* namespaces unless they are allowed.
            AllowNamespacePrefixes = ["Microsoft.Extensions.DependencyInjection"],
            ExcludeAttributes =
            [
                "System.Runtime.Versioning.TargetFrameworkAttribute",
                "System.Reflection.AssemblyMetadataAttribute",
            ],
        }));

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").TrimEnd() + "\n";

    private static int FirstDifference(string approved, string received)
    {
        var a = approved.Split('\n');
        var r = received.Split('\n');
        var line = 0;
        while (line < a.Length && line < r.Length && a[line] == r[line])
        {
            line++;
        }

        return line + 1;
    }
}
