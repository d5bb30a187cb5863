namespace Certwright.Storage.Sqlite;

/// <summary>Instants are stored as integer unix seconds (certificate validity has one-second resolution).</summary>
internal static class SqliteTime
{
    public static long ToSeconds(DateTimeOffset instant) => instant.ToUnixTimeSeconds();

    /// <summary>The smallest whole second not before <paramref name="instant"/>: <c>x &lt; Ceiling(t)</c> equals <c>x &lt; t</c> for whole seconds x.</summary>
    public static long CeilingSeconds(DateTimeOffset instant)
    {
        var seconds = instant.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeSeconds(seconds) < instant ? seconds + 1 : seconds;
    }

    public static DateTimeOffset FromSeconds(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}
