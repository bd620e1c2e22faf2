using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Remedora.Audit;
using Remedora.Access;
using Remedora.CarePaths;
using Remedora.Clinical;
using Remedora.Intake;
using Remedora.Intake.Consent;
using Remedora.Security.Tests.World;
using Remedora.Storage;

namespace Remedora.Security.Tests.Attacks;

/// <summary>Thrown when the suite cannot make an argument of a type; the message says what to teach it.</summary>
internal sealed class NoSampleException(string message) : Exception(message);

/// <summary>
/// Makes the arguments of an entry point for an attacker acting on its own records, and substitutes one of its own
/// ids by another (the victim's, or a fresh one that exists nowhere) everywhere it occurs in them: in typed ids, in
/// keys and inside records (through their JSON, which is how a relabelled copy reaches an API).
/// </summary>
internal sealed class Arguments(SecurityWorld world)
{
    private static readonly JsonSerializerOptions Json = JsonDocumentCodec.CreateDefaultOptions();

    public (MethodInfo Method, object?[] Values) Own(EntryPoint entryPoint, Attacker attacker)
    {
        var method = Close(entryPoint.Method);
        var values = method.GetParameters().Select(p => Make(p, entryPoint, attacker)).ToArray();
        return (method, values);
    }

    /// <summary>Replaces every occurrence of one id by another; returns <see langword="false"/> when none occurs.</summary>
    public static bool TrySubstitute(MethodInfo method, object?[] values, string from, string to, out object?[] substituted)
    {
        var parameters = method.GetParameters();
        substituted = new object?[values.Length];
        var found = false;
        for (var i = 0; i < values.Length; i++)
        {
            substituted[i] = Substitute(parameters[i].ParameterType, values[i], from, to, ref found);
        }

        return found;
    }

    private static object? Substitute(Type type, object? value, string from, string to, ref bool found)
    {
        switch (value)
        {
            case null or ActorContext or CancellationToken:
                return value;
            case string text when text == from:
                found = true;
                return to;
            case string:
                return value;
        }

        var valueType = value.GetType();
        if (valueType.IsGenericType && valueType.GetGenericTypeDefinition() == typeof(Id<>))
        {
            if (value.ToString() != from)
            {
                return value;
            }

            found = true;
            return valueType.GetMethod("Parse", [typeof(string)])!.Invoke(null, [to]);
        }

        string json;
        try
        {
            json = JsonSerializer.Serialize(value, valueType, Json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return value; // not data (a path definition, a trigger): nothing to substitute in
        }

        if (!json.Contains(from, StringComparison.Ordinal))
        {
            return value;
        }

        found = true;
        try
        {
            return JsonSerializer.Deserialize(json.Replace(from, to, StringComparison.Ordinal), valueType, Json);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new NoSampleException($"Cannot substitute an id inside a {valueType.Name} through its JSON ({ex.GetType().Name}); teach Arguments how to rebuild it.");
        }
    }

    private static MethodInfo Close(MethodInfo method)
    {
        if (!method.IsGenericMethodDefinition)
        {
            return method;
        }

        // FireAsync<TArgument>(actor, case, PathTrigger<TArgument>, TArgument, ...): close it over a trigger's argument type.
        var arguments = method.GetGenericArguments();
        if (arguments.Length == 1 && method.GetParameters().Any(p => p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() == typeof(PathTrigger<>)))
        {
            return method.MakeGenericMethod(typeof(ReviewDecision));
        }

        throw new NoSampleException($"Generic entry point {method.DeclaringType?.Name}.{method.Name}: teach Arguments how to close it.");
    }

    private object? Make(ParameterInfo parameter, EntryPoint entryPoint, Attacker attacker)
    {
        var type = parameter.ParameterType;
        var own = attacker.Own;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;

        if (type == typeof(ActorContext))
        {
            return attacker.Actor;
        }

        if (type == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Id<>))
        {
            return OwnId(underlying.GetGenericArguments()[0], own, underlying);
        }

        if (entryPoint.RecordType is { } recordType)
        {
            if (type == recordType)
            {
                var document = OwnDocument(recordType, own);
                return entryPoint.Method.Name.StartsWith("Create", StringComparison.Ordinal)
                    ? AsNew(world.Model.Get(recordType), document)
                    : document;
            }

            if (type == typeof(string) && parameter.Name == "key")
            {
                return OwnKey(recordType, own);
            }

            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(DocumentQuery<>))
            {
                return type.GetProperty("All")!.GetValue(null);
            }
        }

        if (type == typeof(string))
        {
            return parameter.Name switch
            {
                "kind" => ConsentKinds.Telehealth,
                "version" => "9.9",
                "title" => "A title",
                "text" => "A text",
                "reason" => "a stated reason",
                "triggerName" => CareTriggers.Triage.Name,
                "resourceType" => ResourceTypes.CareCase,
                "resourceId" => own.CaseId.ToString(),
                _ => parameter.HasDefaultValue ? parameter.DefaultValue : throw new NoSampleException($"string parameter '{parameter.Name}' of {entryPoint}: teach Arguments a value."),
            };
        }

        if (type == typeof(long))
        {
            // Audit proofs: record 1 in a tree of one record (a position in the caller's own log, never an id).
            return parameter.Name switch
            {
                "sequence" or "treeSize" or "firstSize" or "secondSize" => 1L,
                _ => throw new NoSampleException($"long parameter '{parameter.Name}' of {entryPoint}: teach Arguments a value."),
            };
        }

        if (type == typeof(OpenCaseRequest))
        {
            return new OpenCaseRequest(own.Patient.Id, BuiltInCarePaths.AsyncConsultName);
        }

        if (type == typeof(FormResponse))
        {
            return Phq2.Answers(1, 1);
        }

        if (type == typeof(ConsentCapture))
        {
            var document = world.Services.GetRequiredService<ConsentService>()
                .GetCurrentDocumentAsync(ActorContext.ForPatient(own.Tenant, own.Patient.Id), ConsentKinds.Telehealth, SecurityWorld.California).GetAwaiter().GetResult()!;
            return new ConsentCapture
            {
                PatientId = own.Patient.Id,
                DocumentId = document.Id,
                TextHash = document.TextHash,
                Jurisdiction = SecurityWorld.California,
                SignerName = "Signer",
                Method = SignatureMethod.TypedName,
                Signature = "Signer",
            };
        }

        if (type == typeof(PathTrigger))
        {
            return CareTriggers.Triage;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PathTrigger<>) && type.GetGenericArguments()[0] == typeof(ReviewDecision))
        {
            return CareTriggers.Approve;
        }

        if (type == typeof(ReviewDecision))
        {
            return new ReviewDecision();
        }

        if (type == typeof(ClaimedWorkItem))
        {
            var item = (WorkItem)OwnDocument(typeof(WorkItem), own);
            var lease = new Lease(own.Tenant, ReviewQueue.QueueName, item.Id.Value, attacker.Actor.UserId, Guid.NewGuid(), world.Clock.GetUtcNow().AddMinutes(10), 1);
            return new ClaimedWorkItem(item, lease);
        }

        if (type == typeof(Disclosure))
        {
            return new Disclosure("Example Health Plan", "payment", "claim documentation");
        }

        if (type == typeof(CarePathDefinition))
        {
            return BuiltInCarePaths.AsyncConsult;
        }

        if (type == typeof(AuditQuery))
        {
            return new AuditQuery { PatientId = own.Patient.Id, Limit = 10 };
        }

        if (type == typeof(IEnumerable<string>))
        {
            return new[] { "general" };
        }

        if (type == typeof(DateTimeOffset))
        {
            return world.Clock.GetUtcNow();
        }

        if (type == typeof(Jurisdiction))
        {
            return SecurityWorld.California;
        }

        if (parameter.HasDefaultValue)
        {
            return parameter.DefaultValue;
        }

        if (type == typeof(object))
        {
            return null;
        }

        throw new NoSampleException($"{type} parameter '{parameter.Name}' of {entryPoint}: teach Arguments how to make one.");
    }

    /// <summary>A copy of a stored document as a caller builds a new one: version 0, and no id where the SDK assigns ids.</summary>
    private static object AsNew(DocumentCollection collection, object document)
    {
        var copy = collection.WithVersion(JsonSerializer.Deserialize(JsonSerializer.Serialize(document, collection.DocumentType, Json), collection.DocumentType, Json)!, 0);
        if (collection.AssignsKeys && collection.DocumentType.GetProperty("Id") is { } id && id.PropertyType.IsGenericType && id.PropertyType.GetGenericTypeDefinition() == typeof(Id<>))
        {
            id.SetValue(copy, Activator.CreateInstance(id.PropertyType));
        }

        return copy;
    }

    private object OwnId(Type recordType, PatientWorld own, Type idType)
    {
        string key;
        if (recordType == typeof(Patient))
        {
            key = own.Patient.Id.ToString();
        }
        else if (recordType == typeof(Practitioner))
        {
            key = own.Clinician.Id.ToString();
        }
        else
        {
            key = OwnKey(recordType, own);
        }

        return idType.GetMethod("Parse", [typeof(string)])!.Invoke(null, [key])!;
    }

    private string OwnKey(Type recordType, PatientWorld own)
    {
        var collection = world.Model.Get(recordType);
        if (collection.Name == CoreCollections.Patients.Name)
        {
            return own.Patient.Id.ToString();
        }

        if (collection.Name == CoreCollections.Practitioners.Name)
        {
            return own.Clinician.Id.ToString();
        }

        if (collection.Name == CoreCollections.Tenants.Name)
        {
            return own.Tenant.ToString();
        }

        if (own.KeysByCollection.TryGetValue(collection.Name, out var keys) && keys.Count > 0)
        {
            return keys[0];
        }

        return NonPatientDocument(collection, own) is { } stored
            ? collection.GetKey(stored)
            : throw new NoSampleException($"The world seeds no {recordType.Name} (collection '{collection.Name}') for a patient: seed one.");
    }

    private object OwnDocument(Type recordType, PatientWorld own)
    {
        var collection = world.Model.Get(recordType);
        if (own.DocumentsByCollection.TryGetValue(collection.Name, out var documents) && documents.Count > 0)
        {
            return documents[0];
        }

        if (collection.Name == CoreCollections.Practitioners.Name)
        {
            return own.Clinician;
        }

        return NonPatientDocument(collection, own)
            ?? throw new NoSampleException($"The world seeds no {recordType.Name} (collection '{collection.Name}') for a patient: seed one.");
    }

    private object? NonPatientDocument(DocumentCollection collection, PatientWorld own)
    {
        var session = world.Sessions.OpenSession(own.Tenant);
        try
        {
            return StorageReflection.AllAsync(session, collection).GetAwaiter().GetResult().FirstOrDefault();
        }
        finally
        {
            session.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
