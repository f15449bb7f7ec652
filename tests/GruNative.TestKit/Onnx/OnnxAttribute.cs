namespace GruNative.TestKit.Onnx;

/// <summary>
/// A node attribute as an encoded <c>AttributeProto</c>. ONNX requires the <c>type</c> discriminator to
/// name the one value field that is set, so the factory writes both together. The forecaster graph needs
/// integer attributes only (<c>hidden_size</c>, <c>linear_before_reset</c>, <c>transB</c>).
/// </summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(ProtoWriter encoded) => Encoded = encoded;

    /// <summary>The encoded message, ready to embed in a <c>NodeProto</c>.</summary>
    public ProtoWriter Encoded { get; }

    public static OnnxAttribute Int(string name, long value) =>
        new(new ProtoWriter()
            .String(OnnxSchema.Attribute.Name, name)
            .Int64(OnnxSchema.Attribute.Type, OnnxSchema.Attribute.TypeInt)
            .Int64(OnnxSchema.Attribute.I, value));
}
