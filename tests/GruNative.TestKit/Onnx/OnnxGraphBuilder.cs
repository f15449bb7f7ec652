using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace GruNative.TestKit.Onnx;

/// <summary>
/// Assembles a single-graph ONNX model — inputs, constant initializers, nodes in topological order and
/// outputs — and serialises it as a <c>ModelProto</c>. All inputs and outputs are float32 tensors; the
/// only other element type, int64, is for small constant tensors such as Squeeze's axes.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly string _name;
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _nodes = [];

    public OnnxGraphBuilder(string name) => _name = name;

    /// <summary>Declares a float32 graph input.</summary>
    public void AddInput(string name, params OnnxDim[] shape) => _inputs.Add(FloatValueInfo(name, shape));

    /// <summary>Declares a float32 graph output; some node must produce a value of that name.</summary>
    public void AddOutput(string name, params OnnxDim[] shape) => _outputs.Add(FloatValueInfo(name, shape));

    /// <summary>A float32 constant, stored as raw little-endian bytes.</summary>
    public void AddInitializer(string name, long[] dims, ReadOnlySpan<float> values) =>
        AddTensor(name, dims, OnnxSchema.Tensor.TypeFloat, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>An int64 constant, stored as raw little-endian bytes.</summary>
    public void AddInitializer(string name, long[] dims, ReadOnlySpan<long> values) =>
        AddTensor(name, dims, OnnxSchema.Tensor.TypeInt64, MemoryMarshal.AsBytes(values), values.Length);

    /// <summary>
    /// Appends a node. An empty string in <paramref name="inputs"/> or <paramref name="outputs"/> marks an
    /// optional argument as absent, which is how ONNX skips a positional input such as <c>sequence_lens</c>.
    /// </summary>
    public void AddNode(string opType, string name, string[] inputs, string[] outputs, params OnnxAttribute[] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
            node.String(OnnxSchema.Node.Input, input);
        foreach (string output in outputs)
            node.String(OnnxSchema.Node.Output, output);
        node.String(OnnxSchema.Node.Name, name).String(OnnxSchema.Node.OpType, opType);
        foreach (var attribute in attributes)
            node.Message(OnnxSchema.Node.Attribute, attribute.Encoded);
        _nodes.Add(node);
    }

    /// <summary>The serialised <c>ModelProto</c>, importing the default operator set at <paramref name="opset"/>.</summary>
    public byte[] ToModel(long irVersion, long opset, string producer)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes)
            graph.Message(OnnxSchema.Graph.Node, node);
        graph.String(OnnxSchema.Graph.Name, _name);
        foreach (var tensor in _initializers)
            graph.Message(OnnxSchema.Graph.Initializer, tensor);
        foreach (var input in _inputs)
            graph.Message(OnnxSchema.Graph.Input, input);
        foreach (var output in _outputs)
            graph.Message(OnnxSchema.Graph.Output, output);

        // The empty domain is the standard ai.onnx operator set.
        var opsetImport = new ProtoWriter()
            .String(OnnxSchema.OperatorSetId.Domain, "")
            .Int64(OnnxSchema.OperatorSetId.Version, opset);

        return new ProtoWriter()
            .Int64(OnnxSchema.Model.IrVersion, irVersion)
            .String(OnnxSchema.Model.ProducerName, producer)
            .Message(OnnxSchema.Model.Graph, graph)
            .Message(OnnxSchema.Model.OpsetImport, opsetImport)
            .ToArray();
    }

    private void AddTensor(string name, long[] dims, int dataType, ReadOnlySpan<byte> littleEndian, int elementCount)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("raw_data must be little-endian; this writer copies memory as is.");
        long expected = 1;
        foreach (long dim in dims)
            expected *= dim;
        if (expected != elementCount)
            throw new ArgumentException($"Tensor '{name}': {elementCount} value(s) for shape [{string.Join(", ", dims)}].");

        var tensor = new ProtoWriter();
        foreach (long dim in dims)
            tensor.Int64(OnnxSchema.Tensor.Dims, dim);
        tensor.Int64(OnnxSchema.Tensor.DataType, dataType)
            .String(OnnxSchema.Tensor.Name, name)
            .Bytes(OnnxSchema.Tensor.RawData, littleEndian);
        _initializers.Add(tensor);
    }

    private static ProtoWriter FloatValueInfo(string name, OnnxDim[] shape)
    {
        var dims = new ProtoWriter();
        foreach (var dim in shape)
        {
            var dimension = dim.Param is null
                ? new ProtoWriter().Int64(OnnxSchema.Shape.DimValue, dim.Value)
                : new ProtoWriter().String(OnnxSchema.Shape.DimParam, dim.Param);
            dims.Message(OnnxSchema.Shape.Dim, dimension);
        }
        var tensorType = new ProtoWriter()
            .Int64(OnnxSchema.Type.TensorElemType, OnnxSchema.Tensor.TypeFloat)
            .Message(OnnxSchema.Type.TensorShape, dims);
        var type = new ProtoWriter().Message(OnnxSchema.Type.TensorType, tensorType);
        return new ProtoWriter().String(OnnxSchema.ValueInfo.Name, name).Message(OnnxSchema.ValueInfo.Type, type);
    }
}
