using System.Buffers.Binary;

namespace Certwright.Certificates;

/// <summary>
/// Steps over one Java serialization stream (java.io.ObjectOutputStream: magic, version, one object)
/// without building anything, so the JCEKS reader can get past a secret-key entry (a serialised
/// SealedObject) to the entries after it. Only the grammar is followed: class descriptors are kept
/// to know field layouts, nothing is instantiated, and every length is checked against the bytes left.
/// </summary>
internal ref struct JavaSerializationSkipper
{
    private const int MaxNesting = 64;
    private const int BaseHandle = 0x7E0000;

    private readonly List<ClassDescription?> _handles = [];
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private int _nesting;

    private JavaSerializationSkipper(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Returns how many bytes the stream starting at <paramref name="data"/> takes.</summary>
    /// <exception cref="FormatException">Not a stream this skipper can follow, or truncated.</exception>
    public static int Measure(ReadOnlySpan<byte> data)
    {
        var skipper = new JavaSerializationSkipper(data);
        if (skipper.ReadUInt16() != 0xACED || skipper.ReadUInt16() != 5)
        {
            throw new FormatException("secret key entry is not a Java serialization stream");
        }

        skipper.SkipContent();
        return skipper._position;
    }

    private void SkipContent()
    {
        if (++_nesting > MaxNesting)
        {
            throw new FormatException("serialized object nests too deeply");
        }

        var code = ReadByte();
        switch (code)
        {
            case 0x70: // TC_NULL
            case 0x79: // TC_RESET
                break;
            case 0x71: // TC_REFERENCE
                Reference();
                break;
            case 0x72: // TC_CLASSDESC
            case 0x7D: // TC_PROXYCLASSDESC
                _position--;
                ReadClassDescription();
                break;
            case 0x73: // TC_OBJECT
                SkipObject();
                break;
            case 0x74: // TC_STRING
                _handles.Add(null);
                Skip(ReadUInt16());
                break;
            case 0x7C: // TC_LONGSTRING
                _handles.Add(null);
                Skip(ReadLength(ReadInt64()));
                break;
            case 0x75: // TC_ARRAY
                SkipArray();
                break;
            case 0x76: // TC_CLASS
                ReadClassDescription();
                _handles.Add(null);
                break;
            case 0x7E: // TC_ENUM
                ReadClassDescription();
                _handles.Add(null);
                SkipContent();
                break;
            case 0x77: // TC_BLOCKDATA
                Skip(ReadByte());
                break;
            case 0x7A: // TC_BLOCKDATALONG
                Skip(ReadLength(ReadInt32()));
                break;
            default:
                throw new FormatException($"unsupported serialization code 0x{code:X2}");
        }

        _nesting--;
    }

    private void SkipObject()
    {
        var description = ReadClassDescription() ?? throw new FormatException("object without a class");
        _handles.Add(null);

        // Class data runs from the topmost serializable superclass down.
        var chain = new List<ClassDescription>();
        for (var current = description; current is not null; current = current.Super)
        {
            chain.Add(current);
            if (chain.Count > MaxNesting)
            {
                throw new FormatException("class hierarchy too deep");
            }
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var type = chain[i];
            if ((type.Flags & 0x04) != 0)
            {
                // SC_EXTERNALIZABLE: only the block-data form (protocol 2) can be stepped over.
                if ((type.Flags & 0x08) == 0)
                {
                    throw new FormatException("externalizable data in protocol 1 cannot be skipped");
                }

                SkipAnnotation();
                continue;
            }

            foreach (var field in type.FieldTypes)
            {
                SkipValue(field);
            }

            if ((type.Flags & 0x01) != 0)
            {
                // SC_WRITE_METHOD: custom data up to TC_ENDBLOCKDATA.
                SkipAnnotation();
            }
        }
    }

    private void SkipArray()
    {
        var description = ReadClassDescription() ?? throw new FormatException("array without a class");
        _handles.Add(null);
        var length = ReadLength(ReadInt32());
        var element = description.Name.Length > 1 ? description.Name[1] : 'L';
        var size = PrimitiveSize(element);
        if (size > 0)
        {
            Skip(checked(length * size));
            return;
        }

        for (var i = 0; i < length; i++)
        {
            SkipContent();
        }
    }

    private void SkipValue(char type)
    {
        var size = PrimitiveSize(type);
        if (size > 0)
        {
            Skip(size);
        }
        else
        {
            SkipContent();
        }
    }

    private static int PrimitiveSize(char type) => type switch
    {
        'B' or 'Z' => 1,
        'C' or 'S' => 2,
        'I' or 'F' => 4,
        'J' or 'D' => 8,
        'L' or '[' => 0,
        _ => throw new FormatException($"unknown field type '{type}'"),
    };

    private void SkipAnnotation()
    {
        while (true)
        {
            if (Peek() == 0x78)
            {
                _position++;
                return;
            }

            SkipContent();
        }
    }

    /// <summary>Reads a class descriptor: new, proxy, a back reference, or null.</summary>
    private ClassDescription? ReadClassDescription()
    {
        var code = ReadByte();
        switch (code)
        {
            case 0x70:
                return null;
            case 0x71:
                return Reference() as ClassDescription ?? throw new FormatException("reference is not a class descriptor");
            case 0x72:
                var name = ReadUtf();
                Skip(8);
                var description = new ClassDescription(name);
                _handles.Add(description);
                description.Flags = ReadByte();
                var fields = ReadUInt16();
                for (var i = 0; i < fields; i++)
                {
                    var type = (char)ReadByte();
                    Skip(ReadUInt16());
                    if (type is 'L' or '[')
                    {
                        SkipContent();
                    }

                    description.FieldTypes.Add(type);
                }

                SkipAnnotation();
                description.Super = ReadClassDescription();
                return description;
            case 0x7D:
                var proxy = new ClassDescription("proxy");
                _handles.Add(proxy);
                var interfaces = ReadLength(ReadInt32());
                for (var i = 0; i < interfaces; i++)
                {
                    Skip(ReadUInt16());
                }

                SkipAnnotation();
                proxy.Super = ReadClassDescription();
                return proxy;
            default:
                throw new FormatException($"expected a class descriptor, found 0x{code:X2}");
        }
    }

    private object? Reference()
    {
        var handle = ReadInt32() - BaseHandle;
        if (handle < 0 || handle >= _handles.Count)
        {
            throw new FormatException("dangling back reference");
        }

        return _handles[handle];
    }

    private string ReadUtf() => ModifiedUtf8.Decode(Take(ReadUInt16()));

    private readonly byte Peek() => _position < _data.Length ? _data[_position] : throw Truncated(1);

    private byte ReadByte() => Take(1)[0];

    private int ReadUInt16() => BinaryPrimitives.ReadUInt16BigEndian(Take(2));

    private int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    private long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    private int ReadLength(long length) =>
        length < 0 || length > _data.Length - _position ? throw new FormatException($"length {length} exceeds the {_data.Length - _position} bytes left") : (int)length;

    private void Skip(int count) => Take(count);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw Truncated(count);
        }

        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly FormatException Truncated(int count) => new($"serialized object needs {count} bytes, {_data.Length - _position} left (truncated)");

    private sealed class ClassDescription(string name)
    {
        public string Name { get; } = name;

        public int Flags { get; set; }

        public List<char> FieldTypes { get; } = [];

        public ClassDescription? Super { get; set; }
    }
}
