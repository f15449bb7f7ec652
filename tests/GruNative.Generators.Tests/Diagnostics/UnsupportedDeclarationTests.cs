using GruNative.Generators.Tests.Infrastructure;

namespace GruNative.Generators.Tests.Diagnostics;

/// <summary>GRUN002: a partial class the generator cannot complete: static, generic, or nested where it cannot follow.</summary>
public class UnsupportedDeclarationTests
{
    /// <summary>Each declaration, the model's name as the diagnostic displays it, and the reason it gives.</summary>
    public static TheoryData<string, string, string> Declarations => new()
    {
        { "[GruNative.GruModel(1, 8, 1)] public static partial class Forecaster;", "Forecaster", "it is static; a model is an instance that holds its weights" },
        { "[GruNative.LstmModel(1, 8, 1)] public partial class Forecaster<T>;", "Forecaster<T>", "it is generic; declare the model on a non-generic class" },
        { "public partial class Outer<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "Outer<T>.Forecaster", "it is nested in the generic type 'Outer'" },
        { "public partial class Outer { public partial class Inner<T> { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; } }", "Outer.Inner<T>.Forecaster", "it is nested in the generic type 'Inner'" },
        { "public class Outer { [GruNative.GruModel(1, 8, 1)] public partial class Forecaster; }", "Outer.Forecaster", "its containing type 'Outer' is not partial" },
        { "public partial class Outer { public struct Middle { [GruNative.LstmModel(1, 8, 1)] public partial class Forecaster; } }", "Outer.Middle.Forecaster", "its containing type 'Middle' is not partial" },
    };

    [Theory]
    [MemberData(nameof(Declarations))]
    public void Is_reported_at_the_model_name(string source, string displayName, string reason)
    {
        _ = reason; // see Says_why
        var diagnostic = DiagnosticAssert.SingleInSource("GRUN002", source, "Forecaster");
        Assert.StartsWith($"'{displayName}' cannot be a GruNative model: ", diagnostic.GetMessage());
    }

    // A type nested in a generic type is itself generic to Roslyn (IsGenericType), yet the reason names the outer
    // type: it once said "it is generic", which is false of the model itself.
    [Theory]
    [MemberData(nameof(Declarations))]
    public void Says_why(string source, string displayName, string reason)
    {
        _ = displayName; // see Is_reported_at_the_model_name
        var run = GeneratorHarness.Run(source);

        Assert.EndsWith(": " + reason, run.SingleDiagnostic("GRUN002").GetMessage());
    }
}
