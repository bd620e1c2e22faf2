using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests;

/// <summary>
/// The public SDC Questionnaires in <c>shared/data/questionnaires</c> (found beside the repository or above it, or in
/// <c>REMEDORA_QUESTIONNAIRES</c>), imported once per test run.
/// </summary>
internal static class QuestionnaireFiles
{
    public const string Phq9 = "sdc-phq9.json";
    public const string Bmi = "sdc-weight-height-bmi.json";
    public const string Cardiology = "sdc-cardiology-form.json";
    public const string EnableWhen = "sdc-test-enablewhen.json";
    public const string InitialValueMultiple = "sdc-test-initialvalue-multiple.json";
    public const string Framingham = "sdc-framingham-hchd.json";
    public const string Hunger = "sdc-hunger-vital-signs.json";

    private static readonly Lazy<string> LazyDirectory = new(Find);
    private static readonly Dictionary<string, QuestionnaireImportResult> Imported = new(StringComparer.Ordinal);

    public static FormEngine Engine { get; } = new([new FhirPathLanguage()]);

    public static string Directory => LazyDirectory.Value;

    public static IReadOnlyList<string> Names => System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> All() => new(Names);

    public static string Json(string name) => File.ReadAllText(Path.Combine(Directory, name));

    public static QuestionnaireImportResult Import(string name)
    {
        lock (Imported)
        {
            if (!Imported.TryGetValue(name, out var result))
            {
                result = QuestionnaireMapper.ImportJson(Json(name));
                Imported[name] = result;
            }

            return result;
        }
    }

    public static FormDefinition Definition(string name) => Import(name).Definition;

    public static CompiledForm Compiled(string name) => Engine.Compile(Definition(name));

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("REMEDORA_QUESTIONNAIRES") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "questionnaires");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("The folder shared/data/questionnaires was not found above the test directory; set REMEDORA_QUESTIONNAIRES to its path.");
    }
}
