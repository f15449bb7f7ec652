namespace GruNative.Tests;
public class Smoke { [Fact] public void Builds() => Assert.Equal(3, CellKind.Gru.GateCount()); }
