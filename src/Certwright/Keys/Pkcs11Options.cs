namespace Certwright.Keys;

/// <summary>Where an HSM key store lives: the PKCS#11 module, the token, and the file holding the user PIN.</summary>
/// <param name="ModulePath">The PKCS#11 library (<c>--pkcs11-module</c>), e.g. /usr/lib/softhsm/libsofthsm2.so.</param>
/// <param name="TokenLabel">The token's label (<c>--pkcs11-token</c>).</param>
/// <param name="PinFile">A file whose first line is the user PIN (<c>--pkcs11-pin-file</c>); the PIN never goes on a command line.</param>
public sealed record Pkcs11Options(string ModulePath, string TokenLabel, string PinFile);
