namespace GruNative.TestKit.Onnx;

/// <summary>
/// One dimension of a graph input's or output's declared shape: a fixed size (<c>dim_value</c>) or a
/// symbolic name (<c>dim_param</c>) that lets one session accept, for example, any sequence length.
/// </summary>
/// <remarks>Converts implicitly from <see cref="long"/> and <see cref="string"/>, so shapes read as <c>("seq", 1, 8)</c>.</remarks>
public readonly record struct OnnxDim(long Value, string? Param)
{
    public static implicit operator OnnxDim(long value) => new(value, null);

    public static implicit operator OnnxDim(string param) => new(0, param);

    public override string ToString() => Param ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
