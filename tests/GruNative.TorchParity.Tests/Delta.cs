using System.Globalization;

namespace GruNative.TorchParity.Tests;

/// <summary>A largest absolute difference between two engines and the output element where it occurred.</summary>
public readonly record struct Delta(double Value, string Where)
{
    public static Delta None => new(0, "(nothing compared)");

    public static Delta Max(Delta a, Delta b) => b.Value > a.Value ? b : a;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Value:E2} at {Where}");
}
