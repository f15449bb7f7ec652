using System;
using System.IO;
using System.Text;

namespace GruNative.TestKit.Onnx;

/// <summary>
/// The protocol-buffers wire format, just as much of it as an ONNX model needs: every field is a tag
/// (field number · 8 + wire type) followed by a varint (wire type 0) or a length-prefixed byte run
/// (wire type 2); those two suffice, since floats travel in <c>raw_data</c> bytes.
/// Nested messages are written by encoding the inner message first and embedding its bytes, which keeps
/// the writer free of any notion of message types; those live in <see cref="OnnxGraphBuilder"/>.
/// </summary>
/// <remarks>
/// Fields are written in the order the caller gives them; protobuf readers accept any order. Repeated
/// integer fields declared without <c>[packed = true]</c> in the proto2 schema (e.g. <c>dims</c>)
/// are written one element per tag, exactly as the schema declares them, so no reader leniency is relied on.
/// </remarks>
public sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;

    private readonly MemoryStream _buffer = new();

    /// <summary>An int32, int64 or enum field. Negative values take ten bytes (two's complement), as protobuf requires.</summary>
    public ProtoWriter Int64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
        return this;
    }

    /// <summary>A string field, UTF-8.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
        return this;
    }

    /// <summary>An embedded message: its encoding as a length-delimited field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message) => Bytes(field, message.ToArray());

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    /// <summary>Base-128, least significant group first, high bit set on every byte but the last.</summary>
    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
