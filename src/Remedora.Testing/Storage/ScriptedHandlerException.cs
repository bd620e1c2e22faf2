namespace Remedora.Testing.Storage;

/// <summary>The failure scripted handlers throw.</summary>
internal sealed class ScriptedHandlerException : Exception
{
    public ScriptedHandlerException()
        : base("The scripted handler failed on purpose.")
    {
    }
}
