using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN001: the model type must be partial, or there is nowhere to put the generated members.</summary>
public class TypeNotPartialTests
{
    [Theory]
    [InlineData("GruModel", "[GruNative.GruModel(1, 8, 1)] public class Forecaster;")]
    [InlineData("LstmModel", "namespace N { [GruNative.LstmModel(1, 8, 1, WeightsFile = \"w.json\")] internal sealed class Forecaster { } }")]
    public void A_class_that_is_not_partial_is_reported_at_its_name(string attribute, string source)
    {
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN001", source, "Forecaster");
        Assert.Contains($"carries [{attribute}] but is not declared partial", diagnostic.GetMessage());
        Assert.Contains("'partial'", diagnostic.GetMessage());
    }
}
