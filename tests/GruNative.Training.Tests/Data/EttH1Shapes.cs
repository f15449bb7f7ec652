namespace GruNative.Training.Tests.Data;

/// <summary>
/// The (lookback, horizon) pairs the ETTh1 tests run over the shared data, from the Informer benchmark's short horizons
/// (24, 48, 168) to the long-horizon benchmark's (96, 192, 336, 720).
/// </summary>
public static class EttH1Shapes
{
    public static TheoryData<int, int> All => new()
    {
        { 96, 24 },
        { 96, 48 },
        { 96, 96 },
        { 96, 168 },
        { 96, 192 },
        { 336, 336 },
        { 336, 720 },
    };
}
