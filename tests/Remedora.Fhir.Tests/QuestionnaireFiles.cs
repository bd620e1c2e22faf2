using Remedora.Fhir.Expressions;
using Remedora.Fhir.Questionnaires;
using Remedora.Intake;
using Remedora.Intake.Engine;

namespace Remedora.Fhir.Tests;

/// <summary>
/// The public SDC Questionnaires in <c>tests/data/questionnaires</c> (copied next to the test assembly), or the folder in
/// <c>REMEDORA_QUESTIONNAIRES</c>, imported once per test run.
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

        var copied = Path.Combine(AppContext.BaseDirectory, "questionnaires");
        if (System.IO.Directory.Exists(copied))
        {
            return copied;
        }

        throw new InvalidOperationException($"The Questionnaires were not copied to {copied}; build the test project, or set REMEDORA_QUESTIONNAIRES to a folder of Questionnaires.");
    }
}
