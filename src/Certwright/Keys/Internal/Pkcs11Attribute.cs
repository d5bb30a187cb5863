namespace Certwright.Keys.Internal;

/// <summary>One CK_ATTRIBUTE of a template: its type and the bytes of its value as the module expects them.</summary>
internal readonly record struct Pkcs11Attribute(nuint Type, byte[] Value)
{
    public static Pkcs11Attribute Bool(nuint type, bool value) => new(type, [value ? (byte)1 : (byte)0]);

    public static Pkcs11Attribute Ulong(nuint type, nuint value) => new(type, BitConverter.GetBytes((ulong)value)[..nuint.Size]);

    public static Pkcs11Attribute Text(nuint type, string value) => new(type, System.Text.Encoding.UTF8.GetBytes(value));
}
