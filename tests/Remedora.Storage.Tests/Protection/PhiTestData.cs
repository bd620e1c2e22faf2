using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Protection;

internal static class PhiTestData
{
    public static readonly byte[] K1 = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] K2 = Enumerable.Range(50, 32).Select(i => (byte)i).ToArray();
    public static readonly byte[] Blind = Enumerable.Range(90, 32).Select(i => (byte)i).ToArray();
    public static readonly TenantId Tenant = TenantId.Parse("acme-derm");

    /// <summary>Values planted in PHI fields; none may appear in stored text, logs or exception messages.</summary>
    public static readonly string[] Planted = ["Quintessa", "Vandermolen", "quintessa.v@example.org", "+1-555-0142", "1987-03-14", "742 Evergreen Terrace", "Springfield", "49007"];

    public static PhiKeyRing Ring(string current = "k1", bool withK1 = true, bool withK2 = false)
    {
        var keys = new List<PhiKey>();
        if (withK1)
        {
            keys.Add(new PhiKey("k1", K1));
        }

        if (withK2)
        {
            keys.Add(new PhiKey("k2", K2));
        }

        return new PhiKeyRing(keys, current, Blind);
    }

    public static Patient Patient() => new()
    {
        Id = Id<Patient>.New(),
        TenantId = Tenant,
        GivenName = Planted[0],
        FamilyName = Planted[1],
        Email = Planted[2],
        Phone = Planted[3],
        BirthDate = DateOnly.Parse(Planted[4], System.Globalization.CultureInfo.InvariantCulture),
        Address = new PostalAddress([Planted[5]], Planted[6], "MI", Planted[7], "US"),
        Jurisdiction = Jurisdiction.Parse("US-MI"),
        Gender = AdministrativeGender.Female,
    };

    public static void AssertSamePatient(Patient expected, Patient actual)
    {
        Assert.Equal(expected with { Address = null }, actual with { Address = null });
        Assert.Equal(expected.Address!.Lines, actual.Address!.Lines);
        Assert.Equal(expected.Address with { Lines = [] }, actual.Address with { Lines = [] });
    }
}
