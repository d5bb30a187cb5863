namespace Certwright.Discovery;

/// <summary>A file to read: its path and whether the caller named it (then it is always read and reported).</summary>
internal readonly record struct FileWork(string Path, bool Explicit);
