namespace Remedora;

/// <summary>The role in which an actor acts. The access policy decides what each role may reach.</summary>
public enum ActorRole
{
    /// <summary>A patient acting for themselves (or a guardian acting for them); reaches only their own records.</summary>
    Patient = 0,

    /// <summary>A licensed clinician: physician, nurse practitioner, physician assistant.</summary>
    Clinician = 1,

    /// <summary>A care coordinator who schedules, follows up and routes work.</summary>
    CareCoordinator = 2,

    /// <summary>A pharmacist who fulfils prescriptions.</summary>
    Pharmacist = 3,

    /// <summary>An administrator of the tenant; reaches patient data only with a stated purpose of use.</summary>
    Administrator = 4,

    /// <summary>The application itself: background sweeps, dispatchers and integrations.</summary>
    System = 5,
}
