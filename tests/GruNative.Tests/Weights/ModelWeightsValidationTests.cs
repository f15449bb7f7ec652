using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using static GruNative.Tests.Weights.SafeTensorsTestKit;

namespace GruNative.Tests.Weights;

/// <summary>
/// Files that are valid safetensors but not a valid GruNative model: wrong dtype, non-finite weights, missing,
/// left-over or misshapen tensors, and metadata that is malformed or contradicts the tensors. Each must fail
/// with <see cref="WeightsFormatException"/> naming the source and the tensor or metadata key at fault.
/// </summary>
public class ModelWeightsValidationTests
{
    // ---- dtype -----------------------------------------------------------------------------------------------

    public static TheoryData<string, ReadVia> DtypesAndReaders()
    {
        var data = new TheoryData<string, ReadVia>();
        foreach (var dtype in new[] { "F64", "F16", "BF16", "I32" })
        {
            foreach (var via in InMemoryReaders.Append(ReadVia.Path))
                data.Add(dtype, via);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DtypesAndReaders))]
    public void NonF32TensorIsAnErrorNamingTheTensor(string dtype, ReadVia via)
    {
        // A model saved in half or double precision: GruNative reads F32 only and must say which tensor is not.
        byte[] file = Edited(Gru(), (tensors, _) =>
        {
            int i = tensors.FindIndex(t => t.Name == "rnn.weight_hh_l1");
            tensors[i] = Converted(tensors[i], dtype);
        });
        ModelFails(via, file, "rnn.weight_hh_l1", dtype, "F32");
    }

    private static SafeTensor Converted(SafeTensor tensor, string dtype)
    {
        float[] values = tensor.ToFloat32();
        int size = SafeTensorsFile.DTypeSize(dtype);
        var bytes = new byte[values.Length * size];
        for (int i = 0; i < values.Length; i++)
        {
            var slot = bytes.AsSpan(i * size);
            switch (dtype)
            {
                case "F64": BinaryPrimitives.WriteDoubleLittleEndian(slot, values[i]); break;
                case "F16": BinaryPrimitives.WriteHalfLittleEndian(slot, (Half)values[i]); break;
                case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)(BitConverter.SingleToUInt32Bits(values[i]) >> 16)); break;
                case "I32": BinaryPrimitives.WriteInt32LittleEndian(slot, (int)values[i]); break;
                default: throw new ArgumentOutOfRangeException(nameof(dtype));
            }
        }
        return new SafeTensor(tensor.Name, dtype, tensor.Shape, bytes);
    }

    // ---- non-finite weights ----------------------------------------------------------------------------------

    public static TheoryData<string, uint> NonFiniteBits() => new()
    {
        { "gru", 0x7FC00000 },  // NaN
        { "gru", 0xFFC00001 },  // negative NaN with payload
        { "gru", 0x7F800001 },  // signalling NaN
        { "gru", 0x7F800000 },  // +Inf
        { "gru", 0xFF800000 },  // -Inf
        { "lstm", 0x7FC00000 },
        { "lstm", 0xFF800000 },
    };

    [Theory]
    [MemberData(nameof(NonFiniteBits))]
    public void NonFiniteWeightIsAnErrorNamingTheTensor(string model, uint bits)
    {
        // Every tensor, at its first and last element: a single poisoned weight anywhere is caught and located.
        byte[] file = SafeTensorsWeights.ToBytes(ModelByName(model));
        int dataStart = 8 + HeaderLength(file);
        long offset = 0;
        foreach (var tensor in SafeTensorsFile.Parse(file).Tensors)
        {
            foreach (int index in new[] { 0, tensor.Data.Length / 4 - 1 })
            {
                byte[] poisoned = (byte[])file.Clone();
                BinaryPrimitives.WriteUInt32LittleEndian(poisoned.AsSpan(dataStart + (int)offset + 4 * index), bits);
                var ex = ModelFails(ReadVia.Span, poisoned, tensor.Name, "finite", $"index {index}");
                // The message shows the offending value (NaN, Infinity, -Infinity).
                Assert.Contains($" {BitConverter.UInt32BitsToSingle(bits)} ", ex.Message, StringComparison.Ordinal);
            }
            offset += tensor.Data.Length;
        }
    }

    [Theory]
    [MemberData(nameof(ReadersAndPath), MemberType = typeof(SafeTensorsTestKit))]
    public void NonFiniteWeightIsRejectedByEveryReader(ReadVia via)
    {
        byte[] file = Edited(Lstm(), (tensors, _) =>
        {
            int i = tensors.FindIndex(t => t.Name == "head.bias");
            var values = tensors[i].ToFloat32();
            values[1] = float.PositiveInfinity;
            tensors[i] = SafeTensor.FromFloat32("head.bias", tensors[i].Shape, values);
        });
        ModelFails(via, file, "head.bias", "index 1");
    }

    [Fact]
    public void ExtremeFiniteWeightsLoadBitForBit()
    {
        // Finite is the only requirement: extremes, subnormals and negative zero are valid weights.
        uint[] bits = [0x7F7FFFFF, 0xFF7FFFFF, 0x00000001, 0x80000001, 0x007FFFFF, 0x80000000, 0x00000000];
        byte[] file = SafeTensorsWeights.ToBytes(Gru());
        int dataStart = 8 + HeaderLength(file);
        for (int i = 0; i < bits.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(dataStart + 4 * i), bits[i]);
        var loaded = ModelLoads(ReadVia.Span, file);
        var byName = TensorsOf(loaded).ToDictionary(t => t.Name, t => t.Values);
        var inFileOrder = SafeTensorsFile.Parse(file).Tensors.SelectMany(t => byName[t.Name]);
        Assert.Equal(bits, inFileOrder.Take(bits.Length).Select(BitConverter.SingleToUInt32Bits));
    }

    // ---- missing, left-over and misshapen tensors ------------------------------------------------------------

    public static TheoryData<string, string> EveryTensor()
    {
        var data = new TheoryData<string, string>();
        foreach (var model in new[] { "gru", "lstm" })
        {
            foreach (var tensor in TensorsOf(ModelByName(model)))
                data.Add(model, tensor.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTensor))]
    public void MissingTensorIsAnErrorNamingIt(string model, string missing)
    {
        byte[] file = Edited(ModelByName(model), (tensors, _) => tensors.RemoveAll(t => t.Name == missing));
        foreach (var via in InMemoryReaders)
            ModelFails(via, file, missing, "missing");
    }

    [Fact]
    public void RemovingAWholeLayerContradictsTheLayerCountInTheMetadata()
    {
        // Without layer 1 the tensors form a valid 1-layer model; the metadata still says 2.
        byte[] file = Edited(Gru(), (tensors, _) => tensors.RemoveAll(t => t.Name.EndsWith("_l1", StringComparison.Ordinal)));
        ModelFails(ReadVia.Span, file, WeightsMetadata.Layers, "says 2", "give 1");
    }

    public static TheoryData<string, string, long[]> LeftoverTensors() => new()
    {
        { "lstm", "rnn.weight_hr_l0", [5, 5] },            // nn.LSTM(proj_size=...) projection
        { "gru", "rnn.weight_ih_l0_reverse", [12, 3] },    // bidirectional
        { "gru", "rnn.bias_hh_l0_reverse", [12] },
        { "gru", "rnn.weight_ih_l3", [12, 4] },            // layer 3 of a 2-layer model, after a gap
        { "gru", "head.extra", [1] },
        { "lstm", "encoder.weight", [5, 2] },
        { "lstm", "", [1] },
    };

    [Theory]
    [MemberData(nameof(LeftoverTensors))]
    public void LeftoverTensorIsAnErrorNamingIt(string model, string extra, long[] shape)
    {
        byte[] file = Edited(ModelByName(model), (tensors, _) => tensors.Add(SafeTensor.FromFloat32(extra, shape, new float[shape.Aggregate(1L, (a, b) => a * b)])));
        foreach (var via in InMemoryReaders)
            ModelFails(via, file, extra, "unused tensors are an error");
    }

    [Fact]
    public void LeftoverTensorOfAnotherDtypeIsAnErrorNamingIt()
    {
        // BatchNorm's num_batches_tracked is I64: the dtype check names it before the shape check runs.
        byte[] file = Edited(Gru(), (tensors, _) => tensors.Add(new SafeTensor("norm.num_batches_tracked", "I64", [], new byte[8])));
        ModelFails(ReadVia.Span, file, "norm.num_batches_tracked", "I64");
    }

    [Fact]
    public void StrayTensorOfAnAbsentLayerIsNamed()
    {
        // A 2-layer GRU plus one stray rnn.weight_ih_l2 (of the right shape for a third layer). The reader
        // infers L from any tensor of a layer being present, so it reports "'rnn.weight_hh_l2': tensor is
        // missing" instead of naming the stray tensor the file actually contains.
        byte[] file = Edited(Gru(), (tensors, _) => tensors.Add(SafeTensor.FromFloat32("rnn.weight_ih_l2", [12, 4], new float[48])));
        ModelFails(ReadVia.Span, file, "rnn.weight_ih_l2");
    }

    public static TheoryData<string, long[]> WrongShapes() => new()
    {
        // GRU I=3, H=4, L=2, O=2: weight_ih_l0 [12,3], weight_hh_l* [12,4], weight_ih_l1 [12,4], biases [12], head [2,4], [2].
        { "rnn.weight_ih_l0", [3, 12] },       // transposed
        { "rnn.weight_ih_l0", [12, 3, 1] },
        { "rnn.weight_ih_l0", [36] },
        { "rnn.weight_ih_l0", [12, 16385] },   // I above ModelLimits.MaxDimension
        { "rnn.weight_hh_l0", [12, 5] },
        { "rnn.weight_hh_l0", [0, 0] },
        { "rnn.weight_hh_l0", [48] },
        { "rnn.weight_ih_l1", [12, 3] },       // layer 1 reads H, not I
        { "rnn.weight_hh_l1", [12, 5] },
        { "rnn.bias_ih_l0", [11] },
        { "rnn.bias_ih_l0", [12, 1] },
        { "rnn.bias_hh_l0", [] },
        { "rnn.bias_hh_l1", [13] },
        { "head.weight", [2, 5] },
        { "head.weight", [4, 2] },
        { "head.weight", [0, 4] },
        { "head.weight", [2, 4, 1] },
        { "head.bias", [3] },
        { "head.bias", [2, 1] },
        { "head.bias", [0] },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void WrongShapeIsAnErrorNamingTheTensor(string name, long[] shape)
    {
        byte[] file = Edited(Gru(), (tensors, _) =>
        {
            int i = tensors.FindIndex(t => t.Name == name);
            tensors[i] = SafeTensor.FromFloat32(name, shape, Enumerable.Repeat(0.25f, checked((int)shape.Aggregate(1L, (a, b) => a * b))).ToArray());
        });
        var ex = ModelFails(ReadVia.Span, file, name);
        Assert.Contains(PyTorchTensors.Format(shape), ex.Message, StringComparison.Ordinal);
        ModelFails(ReadVia.NonSeekableStream, file, name);
    }

    // ---- metadata --------------------------------------------------------------------------------------------

    public static TheoryData<string, string, string> ContradictingMetadata() => new()
    {
        { "gru", WeightsMetadata.HiddenSize, "8" },
        { "gru", WeightsMetadata.InputSize, "4" },
        { "gru", WeightsMetadata.Layers, "3" },
        { "gru", WeightsMetadata.Layers, "1" },
        { "gru", WeightsMetadata.OutputSize, "3" },
        { "gru", WeightsMetadata.Cell, "lstm" },
        { "gru", WeightsMetadata.Cell, "GRU" },
        { "gru", WeightsMetadata.Cell, "rnn" },
        { "lstm", WeightsMetadata.Cell, "gru" },
        { "lstm", WeightsMetadata.HiddenSize, "4" },
    };

    [Theory]
    [MemberData(nameof(ContradictingMetadata))]
    public void MetadataContradictingTheShapesIsAnErrorNamingTheKey(string model, string key, string value)
    {
        byte[] file = WithMetadata(ModelByName(model), key, value);
        foreach (var via in InMemoryReaders)
        {
            var ex = ModelFails(via, file, key, value);
            Assert.Contains("tensor shapes", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("grunative.dropout", "0.1")]
    [InlineData("grunative.Cell", "gru")]
    [InlineData("grunative.", "")]
    [InlineData("grunative.input_size ", "3")]
    public void UnknownGruNativeKeyIsAnErrorNamingIt(string key, string value)
    {
        // A newer writer's key cannot be ignored safely; a key merely resembling ours is unknown too.
        foreach (var via in InMemoryReaders)
            ModelFails(via, WithMetadata(Gru(), key, value), key, "unknown");
    }

    public static TheoryData<string, string, string> MalformedMetadata() => new()
    {
        // key, value, key named in the error
        { WeightsMetadata.HiddenSize, "four", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "4.0", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "-4", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "0", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, " 4", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "4 ", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "+4", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "0x4", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "1e1", WeightsMetadata.HiddenSize },
        { WeightsMetadata.HiddenSize, "\u0664", WeightsMetadata.HiddenSize },       // Arabic-Indic digit four
        { WeightsMetadata.HiddenSize, "99999999999", WeightsMetadata.HiddenSize },
        { WeightsMetadata.InputSize, "three", WeightsMetadata.InputSize },
        { WeightsMetadata.OutputSize, "2.", WeightsMetadata.OutputSize },
        { WeightsMetadata.Layers, "two", WeightsMetadata.Layers },
        { WeightsMetadata.FormatVersion, "2", WeightsMetadata.FormatVersion },
        { WeightsMetadata.FormatVersion, "1.0", WeightsMetadata.FormatVersion },
        { WeightsMetadata.FormatVersion, "", WeightsMetadata.FormatVersion },
        { WeightsMetadata.Lookback, "0", WeightsMetadata.Lookback },
        { WeightsMetadata.Lookback, "24h", WeightsMetadata.Lookback },
        { WeightsMetadata.Horizon, "-2", WeightsMetadata.Horizon },
        { WeightsMetadata.WindowNormalizationKey, "revin", WeightsMetadata.WindowNormalizationKey },
        { WeightsMetadata.WindowNormalizationKey, "Last", WeightsMetadata.WindowNormalizationKey },
        { WeightsMetadata.InputColumns, "temp,hour,load", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[1,2,3]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",\"b\"", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",\"b\",\"c\"]x", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",\"b\",\"c\"][]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",\"b\",\"c\",]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "{\"a\":1}", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[[\"a\"],\"b\",\"c\"]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",null,\"c\"]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputColumns, "[\"a\",\"a\",\"c\"]", WeightsMetadata.InputColumns },     // duplicate names
        { WeightsMetadata.InputColumns, "[\"\",\"b\",\"c\"]", WeightsMetadata.InputColumns },       // empty name
        { WeightsMetadata.InputColumns, "[\"a\",\"b\",\"c\"] /* x */", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputMean, "[\"0\",\"1\",\"2\"]", WeightsMetadata.InputMean },
        { WeightsMetadata.InputMean, "[0,1,NaN]", WeightsMetadata.InputMean },
        { WeightsMetadata.InputMean, "[0,1,Infinity]", WeightsMetadata.InputMean },
        { WeightsMetadata.InputMean, "[0,1,1e999]", WeightsMetadata.InputMean },                  // beyond double range: named by its own key
        { WeightsMetadata.InputMean, "[0,1,true]", WeightsMetadata.InputMean },
        { WeightsMetadata.InputMean, "[1,2]", WeightsMetadata.InputColumns },                     // counts differ
        { WeightsMetadata.InputMean, "[1,2,3,4]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputStd, "[1,1]", WeightsMetadata.InputColumns },
        { WeightsMetadata.InputStd, "[1,0,1]", WeightsMetadata.InputColumns },                    // σ must be > 0
        { WeightsMetadata.InputStd, "[1,-1,1]", WeightsMetadata.InputColumns },
        { WeightsMetadata.TargetColumns, "[\"load\",\"temp\",\"hour\"]", WeightsMetadata.TargetColumns },
        { WeightsMetadata.TargetStd, "[]", WeightsMetadata.TargetColumns },
    };

    [Theory]
    [MemberData(nameof(MalformedMetadata))]
    public void MalformedMetadataValueIsAnErrorNamingTheKey(string key, string value, string named)
    {
        foreach (var via in InMemoryReaders)
            ModelFails(via, WithMetadata(Gru(), key, value), named);
    }

    [Theory]
    [InlineData(WeightsMetadata.InputColumns)]   // two input columns for I=3
    [InlineData(WeightsMetadata.TargetColumns)]  // three targets for O=2
    [InlineData(WeightsMetadata.Horizon)]        // horizon 3 for O=2
    public void PreprocessingThatDoesNotFitTheModelIsAnError(string key)
    {
        var edits = new Dictionary<string, string>();
        switch (key)
        {
            case WeightsMetadata.InputColumns:
                edits[WeightsMetadata.InputColumns] = "[\"a\",\"b\"]";
                edits[WeightsMetadata.InputMean] = "[0,0]";
                edits[WeightsMetadata.InputStd] = "[1,1]";
                break;
            case WeightsMetadata.TargetColumns:
                edits[WeightsMetadata.TargetColumns] = "[\"a\",\"b\",\"c\"]";
                edits[WeightsMetadata.TargetMean] = "[0,0,0]";
                edits[WeightsMetadata.TargetStd] = "[1,1,1]";
                break;
            default:
                edits[WeightsMetadata.Horizon] = "3";
                break;
        }
        byte[] file = Edited(Gru(), (_, m) => { foreach (var (k, v) in edits) m[k] = v; });
        var ex = ModelFails(ReadVia.Span, file, null, "does not fit");
        Assert.NotNull(ex.TensorName);
        Assert.StartsWith(WeightsMetadata.KeyPrefix, ex.TensorName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WeightsMetadata.InputColumns, WeightsMetadata.InputMean)]
    [InlineData(WeightsMetadata.InputMean, WeightsMetadata.InputColumns)]
    [InlineData(WeightsMetadata.InputStd, WeightsMetadata.InputColumns)]
    [InlineData(WeightsMetadata.TargetColumns, WeightsMetadata.TargetMean)]
    public void ColumnKeysMustAppearTogether(string removed, string named)
    {
        ModelFails(ReadVia.Span, WithMetadata(Gru(), removed, null), named, "together");
    }

    [Theory]
    [InlineData("[\"\\ud800\",\"b\",\"c\"]")]        // lone high surrogate
    [InlineData("[\"a\\udc00\",\"b\",\"c\"]")]       // lone low surrogate
    public void LoneSurrogateEscapeInAColumnNameIsAFormatError(string columns)
    {
        // The metadata string is valid; the JSON array inside it escapes half a surrogate pair. The inner reader's
        // GetString throws InvalidOperationException, which WeightsMetadata.ReadArray does not catch (it catches
        // JsonException only), so the reader leaks a non-WeightsFormatException.
        ModelFails(ReadVia.Span, WithMetadata(Gru(), WeightsMetadata.InputColumns, columns), WeightsMetadata.InputColumns);
    }

    // ---- PyTorch files without GruNative metadata ------------------------------------------------------------

    public static TheoryData<string, CellKind, int, int, int, int> PyTorchModels() => new()
    {
        { "gru", CellKind.Gru, 3, 4, 2, 2 },
        { "lstm", CellKind.Lstm, 1, 32, 3, 24 },
        { "gru-1", CellKind.Gru, 1, 1, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(PyTorchModels))]
    public void PyTorchFileWithoutMetadataLoadsWithInferredSizes(string what, CellKind cell, int inputs, int hidden, int layers, int outputs)
    {
        // Written as torch's save_file would: PyTorch names, F32, in state_dict order, no __metadata__ at all.
        var spec = new ModelSpec(cell, inputs, hidden, layers, outputs);
        var model = ModelWeights.CreateRandom(spec, seed: what.Length);
        byte[] file = FileOf(TensorsOf(model));
        Assert.DoesNotContain("__metadata__", HeaderText(file), StringComparison.Ordinal);

        foreach (var via in InMemoryReaders)
        {
            var loaded = ModelLoads(via, file);
            AssertSameModel(model, loaded);
            Assert.Null(loaded.Preprocessing);
            Assert.Empty(loaded.ExtraMetadata);
        }
    }

    [Fact]
    public void PyTorchFileWithForeignMetadataKeepsItThroughARoundTrip()
    {
        // safetensors.torch.save_file(..., metadata={"format": "pt"}) plus a user note: not GruNative's keys,
        // so they are kept verbatim and written back next to GruNative's own.
        var model = ModelWeights.CreateRandom(new ModelSpec(CellKind.Lstm, 2, 6, 2, 4), seed: 3);
        var foreign = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "trained on 2024 data, \"v2\"", ["Grunative.cell"] = "not ours" };
        byte[] file = FileOf(TensorsOf(model), foreign);

        var loaded = ModelLoads(ReadVia.Span, file);
        Assert.Equal(model.Spec, loaded.Spec);
        Assert.Equal(foreign.OrderBy(e => e.Key, StringComparer.Ordinal), loaded.ExtraMetadata.OrderBy(e => e.Key, StringComparer.Ordinal));

        byte[] rewritten = SafeTensorsWeights.ToBytes(loaded);
        var metadata = SafeTensorsFile.Parse(rewritten).Metadata;
        foreach (var (key, value) in foreign)
            Assert.Equal(value, metadata[key]);
        Assert.Equal("lstm", metadata[WeightsMetadata.Cell]);
        Assert.Equal("6", metadata[WeightsMetadata.HiddenSize]);
        AssertSameModel(loaded, ModelLoads(ReadVia.Span, rewritten));
    }

    [Fact]
    public void PartialGruNativeMetadataIsCheckedButNotRequired()
    {
        // Only some keys present (e.g. a hand-written file): those present must agree, the rest are inferred.
        var model = ModelWeights.CreateRandom(new ModelSpec(CellKind.Gru, 3, 4, 2, 2), seed: 5);
        byte[] file = FileOf(TensorsOf(model), new Dictionary<string, string> { [WeightsMetadata.HiddenSize] = "4", [WeightsMetadata.Horizon] = "2" });
        var loaded = ModelLoads(ReadVia.Span, file);
        Assert.Equal(model.Spec, loaded.Spec);
        Assert.Equal(2, loaded.Preprocessing!.Horizon);
    }

    // ---- the message names the source ------------------------------------------------------------------------

    [Fact]
    public void MessagesNameTheCallersSourceAndTheTensor()
    {
        byte[] file = Edited(Gru(), (tensors, _) => tensors.RemoveAll(t => t.Name == "rnn.bias_hh_l1"));
        var fromSpan = Assert.Throws<WeightsFormatException>(() => SafeTensorsWeights.Read(file, "models/load-forecaster.safetensors"));
        Assert.Equal("models/load-forecaster.safetensors: 'rnn.bias_hh_l1': tensor is missing; expected shape [12]", fromSpan.Message);
        Assert.Equal("rnn.bias_hh_l1", fromSpan.TensorName);

        var fromStream = Assert.Throws<WeightsFormatException>(() => SafeTensorsWeights.Read(new NonSeekableStream(file), "stdin"));
        Assert.StartsWith("stdin: 'rnn.bias_hh_l1': ", fromStream.Message, StringComparison.Ordinal);

        // Default source names, when the caller gives none.
        Assert.StartsWith("<buffer>: ", Assert.Throws<WeightsFormatException>(() => SafeTensorsWeights.Read(file)).Message, StringComparison.Ordinal);
        Assert.StartsWith("<stream>: ", Assert.Throws<WeightsFormatException>(() => SafeTensorsWeights.Read(new System.IO.MemoryStream(file))).Message, StringComparison.Ordinal);
    }
}
