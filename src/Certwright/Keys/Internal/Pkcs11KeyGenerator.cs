using System.Security.Cryptography;

namespace Certwright.Keys.Internal;

/// <summary>C_GenerateKeyPair in the token, then the new key opened through its public half.</summary>
internal static class Pkcs11KeyGenerator
{
    public static Pkcs11SigningKey Generate(Pkcs11Connection connection, KeyType type, string label)
    {
        var ckaId = RandomNumberGenerator.GetBytes(KeyIds.ByteLength);
        var (mechanism, publicTemplate, privateTemplate) = Pkcs11Templates.For(type, label, ckaId);
        connection.Run((library, session) =>
        {
            library.GenerateKeyPair(session, mechanism, publicTemplate, privateTemplate);
            return true;
        });
        return Pkcs11Objects.Open(connection, ckaId);
    }
}
