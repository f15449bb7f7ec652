using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace GruNative.Cli.Output;

/// <summary>
/// Makes a safetensors file saved from another PyTorch module readable as a GruNative model: renames tensor prefixes
/// (<c>lstm.</c> → <c>rnn.</c>, <c>fc.</c> → <c>head.</c>) and widens F16, BF16 and F64 tensors to F32.
/// </summary>
internal static class ForeignTensors
{
    /// <summary>Parses <c>old=new</c> prefix pairs.</summary>
    /// <exception cref="ArgumentException">A pair lacks '=' or an empty side.</exception>
    public static IReadOnlyList<(string From, string To)> ParseRenames(IEnumerable<string> pairs)
    {
        var result = new List<(string, string)>();
        foreach (string pair in pairs)
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
                throw new ArgumentException($"--rename '{pair}': expected OLD=NEW, e.g. lstm.=rnn.");
            result.Add((pair[..eq], pair[(eq + 1)..]));
        }
        return result;
    }

    /// <summary>The file with renamed prefixes and every floating-point tensor as F32.</summary>
    /// <exception cref="T:GruNative.WeightsFormatException">Two tensors end up with one name, or a dtype is not floating point.</exception>
    public static SafeTensorsFile Normalize(SafeTensorsFile file, IReadOnlyList<(string From, string To)> renames, string source)
    {
        var tensors = new List<SafeTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in file.Tensors)
        {
            string name = tensor.Name;
            foreach (var (from, to) in renames)
            {
                if (name.StartsWith(from, StringComparison.Ordinal))
                {
                    name = to + name[from.Length..];
                    break;
                }
            }
            if (!names.Add(name))
                throw new WeightsFormatException(source, name, "two tensors have this name after renaming");
            tensors.Add(tensor.DType == "F32" && name == tensor.Name ? tensor : SafeTensor.FromFloat32(name, tensor.Shape, ToFloat32(tensor, source)));
        }
        return new SafeTensorsFile(tensors, file.Metadata);
    }

    private static float[] ToFloat32(SafeTensor tensor, string source)
    {
        var data = tensor.Data;
        switch (tensor.DType)
        {
            case "F32":
                return MemoryMarshal.Cast<byte, float>(data).ToArray();
            case "F64":
                return MemoryMarshal.Cast<byte, double>(data.ToArray()).ToArray().Select(d => (float)d).ToArray();
            case "F16":
                return MemoryMarshal.Cast<byte, Half>(data.ToArray()).ToArray().Select(h => (float)h).ToArray();
            case "BF16":
            {
                var bits = MemoryMarshal.Cast<byte, ushort>(data.ToArray()).ToArray();
                return bits.Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray();
            }
            default:
                throw new WeightsFormatException(source, tensor.Name, $"dtype {tensor.DType} is not a floating-point type; only F16, BF16, F32 and F64 convert");
        }
    }
}
