using Remedora.Intake.Expressions;

namespace Remedora.Intake.Engine;

/// <summary>The expression context of one evaluation run.</summary>
internal sealed partial class EvaluationRun
{
    private FormResponse? _responseSnapshot;
    private int _responseRevision;
    private Dictionary<string, (int Revision, object Value)>? _state;

    private sealed class RunContext(EvaluationRun run) : ExpressionEvaluationContext
    {
        public Instance? Current { get; set; }

        public override FormDefinition Definition => run._form.Definition;

        public override FormResponse Response
        {
            get
            {
                if (run._responseSnapshot is null || run._responseRevision != run._revision)
                {
                    run._responseSnapshot = run.BuildResponse(includeDisabled: false);
                    run._responseRevision = run._revision;
                }

                return run._responseSnapshot;
            }
        }

        public override ExpressionItemContext? Item
            => Current?.Node is { } node ? new ExpressionItemContext(node.Item, Current.Path, Current.Segments(), Current.Answers) : null;

        public override int Revision => run._revision;

        public override bool TryGetVariable(string name, out ExpressionResult value)
        {
            for (var instance = Current; instance?.Node is not null; instance = instance.Parent)
            {
                foreach (var variable in instance.Node.Variables)
                {
                    if (string.Equals(variable.Name, name, StringComparison.Ordinal))
                    {
                        value = run.ItemVariable(instance, variable);
                        return true;
                    }
                }
            }

            var formVariables = run._form.FormVariables;
            for (var i = 0; i < formVariables.Length; i++)
            {
                if (string.Equals(formVariables[i].Name, name, StringComparison.Ordinal))
                {
                    value = run.FormVariable(i);
                    return true;
                }
            }

            run.VariableNotFound(name);
            value = ExpressionResult.Empty;
            return false;
        }

        public override IReadOnlyList<AnswerValue> Answers(string linkId)
        {
            if (linkId is null || !run._form.ByLinkId.TryGetValue(linkId, out var node) || !node.IsQuestion)
            {
                return [];
            }

            return run.AnswersFrom(Current, node);
        }

        public override decimal? OptionScore(string? linkId, AnswerValue value)
        {
            if (value is null)
            {
                return null;
            }

            if (linkId is not null)
            {
                return run._form.ByLinkId.TryGetValue(linkId, out var node) ? node.ScoreOf(value) : null;
            }

            return run._form.FindScore(value);
        }

        public override decimal? Score(string name)
        {
            var scores = run._form.Scores;
            for (var i = 0; i < scores.Length; i++)
            {
                if (string.Equals(scores[i].Source.Name, name, StringComparison.Ordinal))
                {
                    return run.ScoreValue(i);
                }
            }

            return null;
        }

        public override T GetOrAddState<T>(string key, Func<ExpressionEvaluationContext, T> factory)
        {
            ArgumentNullException.ThrowIfNull(key);
            ArgumentNullException.ThrowIfNull(factory);
            var state = run._state ??= new(StringComparer.Ordinal);
            if (state.TryGetValue(key, out var entry) && entry.Revision == run._revision && entry.Value is T existing)
            {
                return existing;
            }

            var created = factory(this);
            state[key] = (run._revision, created);
            return created;
        }
    }
}
