using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Remedora.Storage.Protection;

namespace Remedora.Benchmarks.Storage;

/// <summary>
/// Field encryption of a 1 KB value: <see cref="PhiCipher"/> (key ring lookup, fresh nonce, AES-256-GCM, key id and
/// base64url envelope) against raw <see cref="AesGcm"/> with a fresh nonce into preallocated buffers. The requirement
/// is a Ratio of at most 1.5.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FieldEncryptionBenchmarks
{
    private readonly byte[] _plaintext = Enumerable.Range(0, 1024).Select(i => (byte)('a' + (i % 26))).ToArray();
    private readonly byte[] _context = "remedora.phi/1|patients|Remedora.Patient.notes"u8.ToArray();
    private readonly byte[] _key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly byte[] _nonce = new byte[12];
    private readonly byte[] _tag = new byte[16];
    private readonly byte[] _ciphertext = new byte[1024];
    private readonly byte[] _decrypted = new byte[1024];
    private AesGcm _aes = null!;
    private PhiCipher _cipher = null!;
    private string _protected = null!;

    [GlobalSetup]
    public void Setup()
    {
        _aes = new AesGcm(_key, 16);
        _cipher = new PhiCipher(new PhiKeyRing([new PhiKey("2026-01", _key)], "2026-01", Enumerable.Range(100, 32).Select(i => (byte)i).ToArray()));
        _protected = _cipher.Protect(_plaintext, _context);
        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _context);
    }

    [GlobalCleanup]
    public void Cleanup() => _aes.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Encrypt")]
    public byte RawAesGcmEncrypt()
    {
        RandomNumberGenerator.Fill(_nonce);
        _aes.Encrypt(_nonce, _plaintext, _ciphertext, _tag, _context);
        return _tag[0];
    }

    [Benchmark]
    [BenchmarkCategory("Encrypt")]
    public string PhiCipherProtect() => _cipher.Protect(_plaintext, _context);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Decrypt")]
    public byte RawAesGcmDecrypt()
    {
        _aes.Decrypt(_nonce, _ciphertext, _tag, _decrypted, _context);
        return _decrypted[0];
    }

    [Benchmark]
    [BenchmarkCategory("Decrypt")]
    public byte[] PhiCipherUnprotect() => _cipher.Unprotect(_protected, _context);
}
