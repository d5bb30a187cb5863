using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;

namespace Certwright.Keys.Internal;

/// <summary>Lets BouncyCastle's generators sign through any <see cref="ISigningKey"/>: they stream the TBS bytes in, the key signs them.</summary>
internal sealed class SigningKeySignatureFactory(ISigningKey key) : ISignatureFactory
{
    private readonly AlgorithmIdentifier _algorithm = AlgorithmIdentifier.GetInstance(key.SignatureAlgorithmIdentifier);

    public object AlgorithmDetails => _algorithm;

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(ISigningKey key) : IStreamCalculator<IBlockResult>
    {
        private readonly MemoryStream _buffer = new();

        public Stream Stream => _buffer;

        // BouncyCastle disposes Stream before GetResult; ToArray still works on a closed MemoryStream.
        public IBlockResult GetResult() => new SimpleBlockResult(key.Sign(_buffer.ToArray()));
    }
}
