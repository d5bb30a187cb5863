namespace Certwright.Certificates;

/// <summary>The kind of file certificates were read from, as detected from its content.</summary>
public enum ContainerFormat
{
    /// <summary>Not a certificate container Certwright knows (or an empty file).</summary>
    Unknown,

    /// <summary>PEM text: certificates, TRUSTED CERTIFICATE, PKCS7 blocks, possibly with keys.</summary>
    Pem,

    /// <summary>One or more concatenated DER certificates.</summary>
    Der,

    /// <summary>PKCS#7 / CMS SignedData (.p7b, .p7c), DER or inside PEM.</summary>
    Pkcs7,

    /// <summary>PKCS#12 (.pfx, .p12), including Java's PKCS#12 keystores.</summary>
    Pkcs12,

    /// <summary>Java KeyStore (magic 0xFEEDFEED).</summary>
    Jks,

    /// <summary>Java JCEKS keystore (magic 0xCECECECE).</summary>
    Jceks,
}
