using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN002: a partial class the generator cannot complete: static, generic, or nested where it cannot follow.</summary>
public class UnsupportedDeclarationTests
{
    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] public static partial class Forecaster;", "Forecaster", "it is static")]
    [InlineData("[GruNative.LstmModel(1, 8, 1)] public partial class Forecaster<T>;", "Forecaster<T>", "it is generic")]
    [InlineData("public partial class Outer<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "Outer<T>.Forecaster", "it is nested in the generic type 'Outer'")]
    [InlineData("public partial class Outer { public partial class Inner<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; } }", "Outer.Inner<T>.Forecaster", "it is nested in the generic type 'Inner'")]
    [InlineData("public class Outer { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "Outer.Forecaster", "its containing type 'Outer' is not partial")]
    [InlineData("public partial class Outer { public struct Middle { [GruNative.LstmModel(1, 8, 1)] public partial class Forecaster; } }", "Outer.Middle.Forecaster", "its containing type 'Middle' is not partial")]
    public void Is_reported_at_the_model_name(string source, string displayName, string reason)
    {
        _ = reason; // see Says_why
        var run = GeneratorHarness.Run(source);

        var diagnostic = run.SingleDiagnostic("GRUN002");
        DiagnosticAssert.InSource(diagnostic, source, "Forecaster");
        Assert.StartsWith($"'{displayName}' cannot be a GruNative model: ", diagnostic.GetMessage());
    }

    // A type nested in a generic type is itself generic to Roslyn (IsGenericType), yet the reason names the outer
    // type: it once said "it is generic", which is false of the model itself.
    [Theory]
    [InlineData("[GruNative.GruModel(1, 8, 1)] public static partial class Forecaster;", "it is static; a model is an instance that holds its weights")]
    [InlineData("[GruNative.LstmModel(1, 8, 1)] public partial class Forecaster<T>;", "it is generic; declare the model on a non-generic class")]
    [InlineData("public partial class Outer<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "it is nested in the generic type 'Outer'")]
    [InlineData("public partial class Outer { public partial class Inner<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; } }", "it is nested in the generic type 'Inner'")]
    [InlineData("public class Outer { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "its containing type 'Outer' is not partial")]
    [InlineData("public partial class Outer { public struct Middle { [GruNative.LstmModel(1, 8, 1)] public partial class Forecaster; } }", "its containing type 'Middle' is not partial")]
    public void Says_why(string source, string reason)
    {
        var run = GeneratorHarness.Run(source);

        Assert.EndsWith(": " + reason, run.SingleDiagnostic("GRUN002").GetMessage());
    }
}
