using System;
using System.Buffers.Binary;

namespace GruNative;

/// <summary>One tensor of a safetensors file: name, dtype, shape and its raw little-endian bytes.</summary>
public sealed class SafeTensor
{
    private readonly byte[] _data;

    /// <summary>Creates a tensor; <paramref name="data"/> is copied and must hold exactly shape × dtype-size bytes.</summary>
    /// <exception cref="ArgumentException">The dtype is unknown, or the data length does not match.</exception>
    public SafeTensor(string name, string dtype, long[] shape, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        int size = SafeTensorsFile.DTypeSize(dtype);
        if (size == 0)
            throw new ArgumentException($"Unknown safetensors dtype '{dtype}'.", nameof(dtype));
        long elements = 1;
        foreach (long dim in shape)
        {
            if (dim < 0)
                throw new ArgumentException($"Tensor '{name}': negative dimension in shape {PyTorchTensors.Format(shape)}.", nameof(shape));
            elements = checked(elements * dim);
        }
        if (checked(elements * size) != data.Length)
            throw new ArgumentException($"Tensor '{name}': {data.Length} byte(s) for shape {PyTorchTensors.Format(shape)} of {dtype}.", nameof(data));
        Name = name;
        DType = dtype;
        Shape = (long[])shape.Clone();
        _data = data.ToArray();
    }

    /// <summary>A float32 tensor from values.</summary>
    public static SafeTensor FromFloat32(string name, long[] shape, ReadOnlySpan<float> values)
    {
        var bytes = new byte[checked(values.Length * sizeof(float))];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return new SafeTensor(name, "F32", shape, bytes);
    }

    /// <summary>The tensor's key in the header.</summary>
    public string Name { get; }

    /// <summary>The safetensors dtype name, e.g. <c>F32</c>.</summary>
    public string DType { get; }

    /// <summary>The shape (a copy is returned each time).</summary>
    public long[] Shape { get => (long[])field.Clone(); private init; }

    /// <summary>The raw bytes, little-endian, C order.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>The values of a float32 tensor.</summary>
    /// <exception cref="InvalidOperationException">The dtype is not F32.</exception>
    public float[] ToFloat32()
    {
        if (DType != "F32")
            throw new InvalidOperationException($"Tensor '{Name}' is {DType}, not F32.");
        var values = new float[_data.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(_data.AsSpan(i * sizeof(float)));
        return values;
    }
}
