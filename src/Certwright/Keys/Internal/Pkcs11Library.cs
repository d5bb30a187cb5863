using System.Runtime.InteropServices;

namespace Certwright.Keys.Internal;

/// <summary>
/// A PKCS#11 module called through the function pointers of its CK_FUNCTION_LIST: unmanaged function
/// pointers and blittable arguments only, so it works under Native AOT (Pkcs11Interop does not: it
/// marshals through Type-based Marshal APIs). Unix layout: CK_ULONG is the native word, structures are
/// naturally aligned; Windows (packed, 32-bit CK_ULONG) is not supported.
/// </summary>
internal sealed unsafe class Pkcs11Library : IDisposable
{
    // Indexes in CK_FUNCTION_LIST after its CK_VERSION (PKCS#11 v2.40, pkcs11f.h order).
    private const int FnInitialize = 0, FnFinalize = 1, FnGetSlotList = 4, FnGetTokenInfo = 6, FnOpenSession = 12, FnCloseSession = 13, FnLogin = 18,
        FnGetAttributeValue = 24, FnFindObjectsInit = 26, FnFindObjects = 27, FnFindObjectsFinal = 28, FnSignInit = 42, FnSign = 43, FnGenerateKeyPair = 59;

    private readonly nint _handle;
    private readonly nint* _functions;
    private bool _initializedHere;

    private Pkcs11Library(nint handle, nint* functions)
    {
        _handle = handle;
        _functions = functions;
    }

    /// <exception cref="CertwrightException">Usage: the module does not load or is not a PKCS#11 module.</exception>
    public static Pkcs11Library Load(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new CertwrightException(ErrorKind.Usage, "PKCS#11 modules are supported on Linux and macOS only");
        }

        if (!NativeLibrary.TryLoad(path, out var handle))
        {
            throw new CertwrightException(ErrorKind.Usage, $"cannot load PKCS#11 module '{path}'; check --pkcs11-module");
        }

        if (!NativeLibrary.TryGetExport(handle, "C_GetFunctionList", out var getFunctionList))
        {
            NativeLibrary.Free(handle);
            throw new CertwrightException(ErrorKind.Usage, $"'{path}' is not a PKCS#11 module (no C_GetFunctionList); check --pkcs11-module");
        }

        nint list;
        var rv = ((delegate* unmanaged<nint*, nuint>)getFunctionList)(&list);
        if (rv != Ck.CKR_OK || list == 0)
        {
            NativeLibrary.Free(handle);
            throw new CertwrightException(ErrorKind.Usage, $"PKCS#11 module '{path}' failed C_GetFunctionList ({Ck.Name(rv)})");
        }

        // CK_VERSION is two bytes, padded to pointer alignment before the first function pointer.
        var library = new Pkcs11Library(handle, (nint*)(list + nint.Size));
        var args = stackalloc nint[6];
        new Span<nint>(args, 6).Clear();
        args[4] = (nint)Ck.CKF_OS_LOCKING_OK; // CK_C_INITIALIZE_ARGS: no mutex callbacks, flags, pReserved
        rv = ((delegate* unmanaged<nint*, nuint>)library._functions[FnInitialize])(args);
        // Already initialised: another component of this process loaded the module; it finalises it, not us.
        library._initializedHere = rv == Ck.CKR_OK;
        if (rv != Ck.CKR_OK && rv != Ck.CKR_CRYPTOKI_ALREADY_INITIALIZED)
        {
            NativeLibrary.Free(handle);
            throw new CertwrightException(ErrorKind.Usage, $"PKCS#11 module '{path}' failed C_Initialize ({Ck.Name(rv)}); check the module's configuration");
        }

        return library;
    }

    public List<nuint> Slots()
    {
        nuint count = 0;
        Check(((delegate* unmanaged<byte, nuint*, nuint*, nuint>)_functions[FnGetSlotList])(1, null, &count), "C_GetSlotList");
        var slots = new nuint[count];
        fixed (nuint* p = slots)
        {
            Check(((delegate* unmanaged<byte, nuint*, nuint*, nuint>)_functions[FnGetSlotList])(1, p, &count), "C_GetSlotList");
        }

        return [.. slots.AsSpan(0, (int)count)];
    }

    /// <summary>The token label: the first field of CK_TOKEN_INFO, 32 blank-padded UTF-8 bytes.</summary>
    public string TokenLabel(nuint slot)
    {
        var info = stackalloc byte[1024];
        Check(((delegate* unmanaged<nuint, byte*, nuint>)_functions[FnGetTokenInfo])(slot, info), "C_GetTokenInfo");
        return System.Text.Encoding.UTF8.GetString(info, 32).TrimEnd(' ', '\0');
    }

    public nuint OpenSession(nuint slot)
    {
        nuint session;
        Check(((delegate* unmanaged<nuint, nuint, nint, nint, nuint*, nuint>)_functions[FnOpenSession])(slot, Ck.CKF_SERIAL_SESSION | Ck.CKF_RW_SESSION, 0, 0, &session), "C_OpenSession");
        return session;
    }

    public void CloseSession(nuint session) => Check(((delegate* unmanaged<nuint, nuint>)_functions[FnCloseSession])(session), "C_CloseSession");

    /// <summary>C_Login as the user; returns the CKR so the caller can tell a wrong PIN from a failure.</summary>
    public nuint Login(nuint session, string pin)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(pin);
        try
        {
            fixed (byte* p = bytes)
            {
                return ((delegate* unmanaged<nuint, nuint, byte*, nuint, nuint>)_functions[FnLogin])(session, Ck.CKU_USER, p, (nuint)bytes.Length);
            }
        }
        finally
        {
            Array.Clear(bytes);
        }
    }

    public List<nuint> Find(nuint session, IReadOnlyList<Pkcs11Attribute> template)
    {
        using var native = new NativeTemplate(template);
        Check(((delegate* unmanaged<nuint, NativeAttribute*, nuint, nuint>)_functions[FnFindObjectsInit])(session, native.Pointer, native.Count), "C_FindObjectsInit");
        var found = new List<nuint>();
        try
        {
            var batch = stackalloc nuint[32];
            while (true)
            {
                nuint count;
                Check(((delegate* unmanaged<nuint, nuint*, nuint, nuint*, nuint>)_functions[FnFindObjects])(session, batch, 32, &count), "C_FindObjects");
                if (count == 0)
                {
                    return found;
                }

                for (nuint i = 0; i < count; i++)
                {
                    found.Add(batch[i]);
                }
            }
        }
        finally
        {
            Check(((delegate* unmanaged<nuint, nuint>)_functions[FnFindObjectsFinal])(session), "C_FindObjectsFinal");
        }
    }

    /// <summary>The return value of C_GetAttributeValue's length query for one attribute (tests prove CKR_ATTRIBUTE_SENSITIVE with it).</summary>
    public nuint ProbeAttribute(nuint session, nuint handle, nuint type)
    {
        var attribute = new NativeAttribute { Type = type };
        return ((delegate* unmanaged<nuint, nuint, NativeAttribute*, nuint, nuint>)_functions[FnGetAttributeValue])(session, handle, &attribute, 1);
    }

    /// <summary>One attribute's value, or null when the token will not reveal it (sensitive) or does not have it.</summary>
    public byte[]? Attribute(nuint session, nuint handle, nuint type)
    {
        var attribute = new NativeAttribute { Type = type };
        var rv = ((delegate* unmanaged<nuint, nuint, NativeAttribute*, nuint, nuint>)_functions[FnGetAttributeValue])(session, handle, &attribute, 1);
        if (rv is Ck.CKR_ATTRIBUTE_SENSITIVE or Ck.CKR_ATTRIBUTE_TYPE_INVALID || attribute.Length == Ck.Unavailable)
        {
            return null;
        }

        Check(rv, "C_GetAttributeValue");
        var value = new byte[attribute.Length];
        fixed (byte* p = value)
        {
            attribute.Value = p;
            Check(((delegate* unmanaged<nuint, nuint, NativeAttribute*, nuint, nuint>)_functions[FnGetAttributeValue])(session, handle, &attribute, 1), "C_GetAttributeValue");
        }

        return value[..(int)attribute.Length];
    }

    public void GenerateKeyPair(nuint session, nuint mechanism, IReadOnlyList<Pkcs11Attribute> publicTemplate, IReadOnlyList<Pkcs11Attribute> privateTemplate)
    {
        using var pub = new NativeTemplate(publicTemplate);
        using var priv = new NativeTemplate(privateTemplate);
        var mech = new NativeMechanism { Type = mechanism };
        nuint publicKey, privateKey;
        Check(
            ((delegate* unmanaged<nuint, NativeMechanism*, NativeAttribute*, nuint, NativeAttribute*, nuint, nuint*, nuint*, nuint>)_functions[FnGenerateKeyPair])(
                session, &mech, pub.Pointer, pub.Count, priv.Pointer, priv.Count, &publicKey, &privateKey),
            "C_GenerateKeyPair");
    }

    public byte[] SignOnce(nuint session, nuint mechanism, nuint key, ReadOnlySpan<byte> data)
    {
        var mech = new NativeMechanism { Type = mechanism };
        Check(((delegate* unmanaged<nuint, NativeMechanism*, nuint, nuint>)_functions[FnSignInit])(session, &mech, key), "C_SignInit");
        // 1024 bytes hold an RSA-8192 or any ECDSA signature: one C_Sign call, no length query (which would end the operation on some modules).
        var signature = new byte[1024];
        nuint length = (nuint)signature.Length;
        fixed (byte* d = data)
        fixed (byte* s = signature)
        {
            Check(((delegate* unmanaged<nuint, byte*, nuint, byte*, nuint*, nuint>)_functions[FnSign])(session, d, (nuint)data.Length, s, &length), "C_Sign");
        }

        return signature[..(int)length];
    }

    public void Dispose()
    {
        if (_initializedHere)
        {
            ((delegate* unmanaged<nint, nuint>)_functions[FnFinalize])(0);
        }

        NativeLibrary.Free(_handle);
    }

    private static void Check(nuint rv, string function)
    {
        if (rv != Ck.CKR_OK)
        {
            throw new Pkcs11CallException(function, rv);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NativeAttribute
    {
        public nuint Type;
        public byte* Value;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct NativeMechanism
    {
        public nuint Type;
        public byte* Parameter;
        public nuint ParameterLength;
    }

    /// <summary>A template copied to unmanaged memory for the duration of one call.</summary>
    private readonly struct NativeTemplate : IDisposable
    {
        public NativeTemplate(IReadOnlyList<Pkcs11Attribute> template)
        {
            Count = (nuint)template.Count;
            Pointer = (NativeAttribute*)NativeMemory.AllocZeroed((nuint)template.Count, (nuint)sizeof(NativeAttribute));
            for (var i = 0; i < template.Count; i++)
            {
                var value = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, template[i].Value.Length));
                template[i].Value.CopyTo(new Span<byte>(value, template[i].Value.Length));
                Pointer[i] = new NativeAttribute { Type = template[i].Type, Value = value, Length = (nuint)template[i].Value.Length };
            }
        }

        public NativeAttribute* Pointer { get; }

        public nuint Count { get; }

        public void Dispose()
        {
            for (nuint i = 0; i < Count; i++)
            {
                NativeMemory.Free(Pointer[i].Value);
            }

            NativeMemory.Free(Pointer);
        }
    }
}

/// <summary>A PKCS#11 function returned an error code.</summary>
internal sealed class Pkcs11CallException(string function, nuint rv) : Exception($"{function} returned {Ck.Name(rv)}")
{
    public string Function { get; } = function;

    public nuint ReturnValue { get; } = rv;
}
