using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Protection;

public sealed class ProtectedDocumentCodecTests
{
    private static readonly DocumentCollection Patients = CoreCollections.Patients;

    [Fact]
    public void Encode_Patient_StoresNoPlaintextOfAnyPhiField()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var patient = PhiTestData.Patient();

        var stored = codec.Encode(Patients, patient);

        Assert.All(PhiTestData.Planted, value => Assert.DoesNotContain(value, stored, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("\"givenName\":\"$phi1.k1.", stored, StringComparison.Ordinal);
        Assert.Contains("\"address\":\"$phi1.k1.", stored, StringComparison.Ordinal);
        Assert.Contains("\"jurisdiction\":\"US-MI\"", stored, StringComparison.Ordinal);
        Assert.Contains(patient.Id.ToString(), stored, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EncodedPatient_ReturnsEveryField()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var patient = PhiTestData.Patient();

        var decoded = (Patient)codec.Decode(Patients, codec.Encode(Patients, patient));

        PhiTestData.AssertSamePatient(patient, decoded);
    }

    [Fact]
    public void Encode_SameValueTwice_GivesDifferentCiphertexts()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var patient = PhiTestData.Patient();

        Assert.NotEqual(codec.Encode(Patients, patient), codec.Encode(Patients, patient));
    }

    [Fact]
    public void Encode_NullPhiField_StaysNull()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var patient = PhiTestData.Patient() with { Email = null, Address = null };

        var stored = codec.Encode(Patients, patient);

        Assert.Contains("\"email\":null", stored, StringComparison.Ordinal);
        var decoded = (Patient)codec.Decode(Patients, stored);
        Assert.Null(decoded.Email);
        Assert.Null(decoded.Address);
    }

    [Fact]
    public void Decode_CiphertextMovedToAnotherField_FailsWithoutRevealingIt()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var stored = codec.Encode(Patients, PhiTestData.Patient());
        var given = Field(stored, "givenName");
        var family = Field(stored, "familyName");

        var error = Assert.Throws<PhiDecryptionException>(() => codec.Decode(Patients, stored.Replace(family, given, StringComparison.Ordinal)));

        Assert.Equal("remedora.phi_decryption_failed", error.Code);
        Assert.Equal("A protected PHI value could not be decrypted (key 'k1'): the value was altered, or copied from another field or record kind.", error.Message);
    }

    [Fact]
    public void Decode_AlteredCiphertext_Fails()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var stored = codec.Encode(Patients, PhiTestData.Patient());
        var email = Field(stored, "email");
        var altered = email[..^3] + (email[^3] == 'A' ? 'B' : 'A') + email[^2..];

        Assert.Throws<PhiDecryptionException>(() => codec.Decode(Patients, stored.Replace(email, altered, StringComparison.Ordinal)));
    }

    [Fact]
    public void Decode_DocumentWrittenBeforeProtection_ReadsItsPlainValues()
    {
        var patient = PhiTestData.Patient();
        var plain = new JsonDocumentCodec().Encode(Patients, patient);

        var decoded = (Patient)new ProtectedDocumentCodec(PhiTestData.Ring()).Decode(Patients, plain);

        PhiTestData.AssertSamePatient(patient, decoded);
    }

    [Fact]
    public void Rotation_OldValuesStillRead_NewValuesUseTheNewKey_RetiredKeyNamedWhenMissing()
    {
        var patient = PhiTestData.Patient();
        var old = new ProtectedDocumentCodec(PhiTestData.Ring("k1")).Encode(Patients, patient);
        var rotated = new ProtectedDocumentCodec(PhiTestData.Ring("k2", withK1: true, withK2: true));

        var read = (Patient)rotated.Decode(Patients, old);
        var rewritten = rotated.Encode(Patients, read);

        PhiTestData.AssertSamePatient(patient, read);
        Assert.DoesNotContain("$phi1.k1.", rewritten, StringComparison.Ordinal);
        Assert.Contains("$phi1.k2.", rewritten, StringComparison.Ordinal);
        var retired = new ProtectedDocumentCodec(PhiTestData.Ring("k2", withK1: false, withK2: true));
        var error = Assert.Throws<PhiDecryptionException>(() => retired.Decode(Patients, old));
        Assert.Equal("k1", error.KeyId);
    }

    [Fact]
    public void EncodeIndexValue_ProtectedIndex_GivesAKeyedBlindIndexThatMatchesEqualValues()
    {
        var codec = new ProtectedDocumentCodec(PhiTestData.Ring());
        var email = Patients.GetIndex("email");
        var phone = Patients.GetIndex("phone");

        var first = codec.EncodeIndexValue(Patients, email, "quintessa.v@example.org");
        var again = new ProtectedDocumentCodec(PhiTestData.Ring("k2", withK2: true)).EncodeIndexValue(Patients, email, "quintessa.v@example.org");
        var other = codec.EncodeIndexValue(Patients, email, "someone@example.org");
        var asPhone = codec.EncodeIndexValue(Patients, phone, "quintessa.v@example.org");
        var otherBlindKey = new ProtectedDocumentCodec(new PhiKeyRing([new PhiKey("k1", PhiTestData.K1)], "k1", PhiTestData.K2)).EncodeIndexValue(Patients, email, "quintessa.v@example.org");

        Assert.StartsWith("bi1.", Assert.IsType<string>(first), StringComparison.Ordinal);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, asPhone);
        Assert.NotEqual(first, otherBlindKey);
        Assert.DoesNotContain("quintessa", (string)first!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("US-MI", codec.EncodeIndexValue(Patients, Patients.GetIndex("jurisdiction"), "US-MI"));
        Assert.Null(codec.EncodeIndexValue(Patients, email, null));
    }

    [Fact]
    public void HasPhi_FindsMarkedPropertiesDirectlyAndNested()
    {
        Assert.True(ProtectedDocumentCodec.HasPhi(typeof(Patient)));
        Assert.True(ProtectedDocumentCodec.HasPhi(typeof(PostalAddress)));
        Assert.False(ProtectedDocumentCodec.HasPhi(typeof(CareCase)));
        Assert.True(PhiReencryptor.IsProtected(CoreCollections.Patients));
        Assert.False(PhiReencryptor.IsProtected(CoreCollections.WorkItems));
    }

    private static string Field(string json, string name)
    {
        var start = json.IndexOf($"\"{name}\":\"", StringComparison.Ordinal) + name.Length + 4;
        return json[start..json.IndexOf('"', start)];
    }
}
