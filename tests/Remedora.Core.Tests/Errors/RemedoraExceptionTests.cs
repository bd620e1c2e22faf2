using System.Reflection;

namespace Remedora.Core.Tests.Errors;

public class RemedoraExceptionTests
{
    [Fact]
    public void ErrorCodes_AreTheDocumentedStableValues()
    {
        var codes = typeof(RemedoraErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["NotFound"] = "remedora.not_found",
                ["ConcurrencyConflict"] = "remedora.concurrency_conflict",
                ["ValidationFailed"] = "remedora.validation_failed",
                ["AccessDenied"] = "remedora.access_denied",
                ["BreakGlassReasonRequired"] = "remedora.break_glass_reason_required",
                ["TenantMismatch"] = "remedora.tenant_mismatch",
            },
            codes);
    }

    [Fact]
    public void EveryCoreException_UsesACodeOfRemedoraErrorCodes()
    {
        var codes = typeof(RemedoraErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var samples = new RemedoraException[]
        {
            new RecordNotFoundException("Patient", "p-1"),
            new ConcurrencyConflictException("CareCase", "c-1", 2, 3),
            new ValidationFailedException([new ValidationProblem("patient.birthDate", "required", "Enter the birth date.")]),
            new AccessDeniedException("CareCase", "delete", ActorRole.Patient),
            new BreakGlassReasonRequiredException(),
            new TenantMismatchException("Patient", TenantId.Parse("a"), TenantId.Parse("b")),
        };
        var concrete = typeof(RemedoraException).Assembly.GetExportedTypes()
            .Where(t => t.IsSubclassOf(typeof(RemedoraException)) && !t.IsAbstract)
            .ToHashSet();

        Assert.Equal(concrete, samples.Select(s => s.GetType()).ToHashSet());
        Assert.All(samples, s => Assert.Contains(s.Code, codes));
        Assert.Equal(samples.Length, samples.Select(s => s.Code).Distinct().Count());
    }

    [Fact]
    public void RecordNotFound_SaysWhatToCheck()
    {
        var ex = new RecordNotFoundException("CareCase", "c-1");

        Assert.Equal("No CareCase with id 'c-1' was found. Check the id, the actor's tenant and the actor's relationship to the patient.", ex.Message);
        Assert.Equal(("CareCase", "c-1"), (ex.ResourceType, ex.ResourceId));
    }

    [Theory]
    [InlineData(0, 4L, "CareCase 'c-1' already exists; it cannot be inserted again. Load it and update it instead.")]
    [InlineData(3, null, "CareCase 'c-1' was expected at version 3 but no longer exists. Reload it before changing it.")]
    [InlineData(3, 5L, "CareCase 'c-1' was changed by someone else: expected version 3 but found version 5. Reload it and apply the change again.")]
    public void ConcurrencyConflict_MessageFitsTheCase(long expected, long? actual, string message)
    {
        var ex = new ConcurrencyConflictException("CareCase", "c-1", expected, actual);

        Assert.Equal(message, ex.Message);
        Assert.Equal(RemedoraErrorCodes.ConcurrencyConflict, ex.Code);
        Assert.Equal((expected, actual), (ex.ExpectedVersion, ex.ActualVersion));
    }

    [Theory]
    [InlineData(1, "The input is invalid: patient.birthDate: Enter the birth date. [required].")]
    [InlineData(2, "The input is invalid: patient.birthDate: Enter the birth date. [required] (and 1 more problem).")]
    [InlineData(3, "The input is invalid: patient.birthDate: Enter the birth date. [required] (and 2 more problems).")]
    public void ValidationFailed_MessageNamesTheFirstProblemAndCountsTheRest(int count, string message)
    {
        var problems = Enumerable.Range(0, count)
            .Select(i => i == 0 ? new ValidationProblem("patient.birthDate", "required", "Enter the birth date.") : new ValidationProblem($"item[{i}]", "max-length", "Shorten it."))
            .ToArray();

        var ex = new ValidationFailedException(problems);

        Assert.Equal(message, ex.Message);
        Assert.Equal(problems, ex.Problems);
    }

    [Fact]
    public void ValidationFailed_NoProblems_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new ValidationFailedException([]));
        Assert.Throws<ArgumentNullException>(() => new ValidationFailedException(null!));
    }

    [Fact]
    public void TenantMismatch_SaysWhatToDo()
    {
        var ex = new TenantMismatchException("Patient", TenantId.Parse("acme"), TenantId.Parse("globex"));

        Assert.Equal("A Patient of tenant 'globex' cannot be written in tenant 'acme'. Open the operation in the record's own tenant.", ex.Message);
        Assert.Equal(RemedoraErrorCodes.TenantMismatch, ex.Code);
        Assert.Equal((TenantId.Parse("acme"), TenantId.Parse("globex")), (ex.ExpectedTenant, ex.ActualTenant));
    }

    [Fact]
    public void RemedoraException_PackageCode_IsKeptWithInnerException()
    {
        var inner = new InvalidOperationException("gateway down");

        var ex = new PackageException("remedora.prescribing.gateway_unavailable", inner);

        Assert.Equal("remedora.prescribing.gateway_unavailable", ex.Code);
        Assert.Same(inner, ex.InnerException);
        Assert.Throws<ArgumentException>(() => new PackageException(" ", null));
    }

    [Fact]
    public void CoreExceptions_HaveTheirDocumentedCategory()
    {
        Assert.Equal(RemedoraErrorCategory.NotFound, new RecordNotFoundException("Patient", "p-1").Category);
        Assert.Equal(RemedoraErrorCategory.Conflict, new ConcurrencyConflictException("CareCase", "c-1", 2, 3).Category);
        Assert.Equal(RemedoraErrorCategory.Validation, new ValidationFailedException([new ValidationProblem("a", "required", "Enter it.")]).Category);
        Assert.Equal(RemedoraErrorCategory.Forbidden, new AccessDeniedException("CareCase", "delete", ActorRole.Patient).Category);
        Assert.Equal(RemedoraErrorCategory.Validation, new BreakGlassReasonRequiredException().Category);
        Assert.Equal(RemedoraErrorCategory.Forbidden, new TenantMismatchException("Patient", TenantId.Parse("a"), TenantId.Parse("b")).Category);
    }

    [Fact]
    public void RemedoraException_UnknownCategory_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackageException("remedora.x.y", null, (RemedoraErrorCategory)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackageException("remedora.x.y", null, default));
        Assert.Equal(RemedoraErrorCategory.Unavailable, new PackageException("remedora.x.y", null).Category);
    }

    private sealed class PackageException(string code, Exception? inner, RemedoraErrorCategory category = RemedoraErrorCategory.Unavailable)
        : RemedoraException(code, category, "The eRx gateway is unavailable. Retry later.", inner);
}
