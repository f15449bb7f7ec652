using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN010: a type declares one model; both attributes on one type are reported once and nothing is generated.</summary>
public class MultipleModelAttributesTests
{
    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] [GruNative.LstmModel(1, 8, 1)] public partial class Forecaster;")]
    [InlineData("[GruNative.LstmModel(1, 8, 1), GruNative.GruModel(1, 8, 1)] public partial class Forecaster;")]
    [InlineData("[GruNative.GruModel(1, 8, 1)] public partial class Forecaster; [GruNative.LstmModel(2, 4, 1)] public partial class Forecaster;")]
    public void Is_reported_once_at_the_LstmModel_attribute(string source)
    {
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN010", source, "GruNative.LstmModel(");
        Assert.Equal("'Forecaster' carries both [GruModel] and [LstmModel]; a type declares one model", diagnostic.GetMessage());
    }
}
