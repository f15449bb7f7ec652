using System.IO;

namespace GruNative;

/// <summary>
/// Reads and writes a <see cref="SegmentModelWeights"/> as a safetensors file with the official SegRNN module's tensor
/// names (<see cref="SegmentTensors"/>), float32, and GruNative's metadata keys (<see cref="WeightsMetadata"/>,
/// <c>grunative.architecture</c> = "segrnn").
/// </summary>
/// <remarks>
/// <para>A file written by the official code with <c>safetensors.torch.save_file(model.state_dict(), path)</c> has no
/// metadata: it loads when the caller gives what the tensors cannot tell (<see cref="SegmentWindowSizes"/>) — the lookback,
/// and with recurrent decoding (no <c>pos_emb</c>) the horizon; the cell, d, w, m and C are read off the shapes
/// (<see cref="SegmentTensors.Infer"/>). A file with GruNative's metadata needs neither; when both the file and the
/// caller give a size, they must agree (so a caller can pass what it expects, and a file for another window fails).</para>
/// <para>The reader is as strict as <see cref="SafeTensorsWeights"/>: only F32, every expected tensor present with its exact
/// shape, none left over, every weight finite, metadata consistent with the shapes; each failure is a
/// <see cref="WeightsFormatException"/> naming the source and the tensor or key. A plain recurrent forecaster's file is
/// refused with a message naming <see cref="SafeTensorsWeights"/>, and that reader refuses this family's files likewise.</para>
/// </remarks>
public static class SafeTensorsSegmentWeights
{
    /// <summary>Reads a model whose file says its lookback and horizon (one GruNative wrote) from disk.</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid segment model, or does not say a size the tensors cannot tell.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SegmentModelWeights Read(string path) => Read(path, default);

    /// <summary>Reads a model from disk, with the window sizes the caller knows (needed for a file without metadata).</summary>
    /// <exception cref="WeightsFormatException">The file is not a valid segment model, or contradicts <paramref name="sizes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SegmentModelWeights Read(string path, SegmentWindowSizes sizes) =>
        FromFile(SafeTensorsFile.Read(path), path, sizes);

    /// <summary>Reads a model from a whole file held in memory.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="sourceName">Names the buffer in error messages.</param>
    /// <param name="sizes">The window sizes the caller knows (<c>default</c> when the file says them).</param>
    /// <exception cref="WeightsFormatException">The bytes are not a valid segment model, or contradict <paramref name="sizes"/>.</exception>
    public static SegmentModelWeights Read(System.ReadOnlySpan<byte> file, string sourceName, SegmentWindowSizes sizes) =>
        FromFile(SafeTensorsFile.Parse(file, sourceName), sourceName, sizes);

    /// <summary>Reads a model from a stream, to its end.</summary>
    /// <param name="stream">The file's content.</param>
    /// <param name="sourceName">Names the stream in error messages.</param>
    /// <param name="sizes">The window sizes the caller knows (<c>default</c> when the file says them).</param>
    /// <exception cref="WeightsFormatException">The content is not a valid segment model, or contradicts <paramref name="sizes"/>.</exception>
    public static SegmentModelWeights Read(Stream stream, string sourceName, SegmentWindowSizes sizes) =>
        FromFile(SafeTensorsFile.Read(stream, sourceName), sourceName, sizes);

    /// <summary>Maps parsed tensors to a model (see the class remarks for the rules).</summary>
    /// <exception cref="WeightsFormatException">The tensors or metadata do not form a valid segment model, or contradict <paramref name="sizes"/>.</exception>
    public static SegmentModelWeights FromFile(SafeTensorsFile file, string sourceName, SegmentWindowSizes sizes) =>
        SegmentModelTensors.ToModel(SafeTensorsWeights.Float32Tensors(file, sourceName), file.Metadata, sourceName, sizes);

    /// <summary>The model as a safetensors file: the official names in state_dict order, float32, and GruNative's metadata.</summary>
    public static SafeTensorsFile ToFile(SegmentModelWeights weights) =>
        SafeTensorsWeights.ToFile(SegmentModelTensors.FromModel(weights), WeightsMetadata.Encode(weights));

    /// <summary>The model's safetensors bytes.</summary>
    public static byte[] ToBytes(SegmentModelWeights weights) => ToFile(weights).ToBytes();

    /// <summary>Writes the model to <paramref name="stream"/>.</summary>
    public static void Write(SegmentModelWeights weights, Stream stream) => ToFile(weights).WriteTo(stream);

    /// <summary>Saves the model atomically and durably (<see cref="AtomicFile"/>: temporary file, sync, rename, folder sync).</summary>
    public static void Save(SegmentModelWeights weights, string path) => ToFile(weights).Save(path);
}
