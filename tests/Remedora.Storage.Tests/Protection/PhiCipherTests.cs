using System.Text;
using Remedora.Storage.Protection;

namespace Remedora.Storage.Tests.Protection;

public sealed class PhiCipherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(10_000)]
    public void ProtectThenUnprotect_AnyLength_RoundTrips(int length)
    {
        var cipher = new PhiCipher(PhiTestData.Ring());
        var plaintext = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();
        var context = "ctx"u8.ToArray();

        var protectedValue = cipher.Protect(plaintext, context);

        Assert.Equal("k1", PhiCipher.KeyIdOf(protectedValue));
        Assert.Equal(plaintext, cipher.Unprotect(protectedValue, context));
        Assert.Throws<PhiDecryptionException>(() => cipher.Unprotect(protectedValue, "other"u8));
    }

    [Fact]
    public async Task Protect_FromManyThreads_EveryValueRoundTrips()
    {
        var cipher = new PhiCipher(PhiTestData.Ring());
        var failures = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                var text = $"value-{t}-{i}";
                if (cipher.UnprotectText(cipher.Protect(text, "c"), "c") != text)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        Assert.Equal(0, failures);
    }

    [Fact]
    public void Unprotect_NotAProtectedValue_FailsWithACode()
    {
        var error = Assert.Throws<PhiDecryptionException>(() => new PhiCipher(PhiTestData.Ring()).Unprotect("hello", Encoding.UTF8.GetBytes("c")));

        Assert.Equal("A protected PHI value could not be decrypted: the value is not a protected value.", error.Message);
    }

    [Fact]
    public void PhiKeyRing_CurrentKeyMissing_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PhiKeyRing([new PhiKey("k1", PhiTestData.K1)], "k9", PhiTestData.Blind));

        Assert.StartsWith("No PHI key has the id 'k9'.", error.Message, StringComparison.Ordinal);
    }
}
