
namespace GruNative.Benchmarks;

/// <summary>
/// What runs: every benchmark class, closed over every model it measures. The models are found by the interface they
/// implement, so each list is written once, where the models are declared — StepModels.cs (<see cref="IStepModel"/>),
/// BakedStepModels.cs (the runtime's <see cref="IBakedForecaster{TSelf}"/>), WindowModels.cs
/// (<see cref="IWindowModel"/>) and SegmentModels.cs (<see cref="ISegmentModel"/>) — rather than again in a [GenericTypeArguments] list on each benchmark class.
/// Declaration order is kept, so the summary follows the grid.
/// </summary>
internal static class BenchmarkSet
{
    public static Type[] All()
    {
        // Models of this namespace only: Placement/ declares its own for the placement experiment.
        var types = typeof(BenchmarkSet).Assembly.GetTypes().Where(t => t.Namespace == typeof(BenchmarkSet).Namespace).ToArray();
        var steps = types.Where(t => t.IsClass && typeof(IStepModel).IsAssignableFrom(t)).ToList();
        var baked = types.Where(t => Implements(t, typeof(IBakedForecaster<>))).ToList();
        var windows = types.Where(t => t.IsClass && typeof(IWindowModel).IsAssignableFrom(t)).ToList();
        var segments = types.Where(t => t.IsClass && typeof(ISegmentModel).IsAssignableFrom(t)).ToList();
        return
        [
            .. steps.Select(m => typeof(StepBenchmark<,>).MakeGenericType(m, State(m))),
            .. steps.Select(m => typeof(StepComparison<,>).MakeGenericType(m, State(m))),
            .. steps.Where(ManyStreamsGrid).Select(m => typeof(ManyStreamsBenchmark<,>).MakeGenericType(m, State(m))),
            .. steps.Where(ManyStreamsGrid).Select(m => typeof(ManyStreamsTwoCoresBenchmark<,>).MakeGenericType(m, State(m))),
            .. steps.Where(ManyStreamsGrid).Select(m => typeof(ManyStreamsEngineComparison<,>).MakeGenericType(m, State(m))),
            .. baked.Select(m => typeof(BakedStepComparison<,>).MakeGenericType(m, State(m))),
            .. windows.Select(m => typeof(WindowComparison<,>).MakeGenericType(m, State(m))),
            .. segments.Select(m => typeof(SegmentForecastBenchmark<,>).MakeGenericType(m, History(m))),
            .. segments.Select(m => typeof(SegmentHistoryPushBenchmark<,>).MakeGenericType(m, History(m))),
            typeof(TrainingComparison),
        ];
    }

    /// <summary>The many-streams grid: I = 1, one layer, H ∈ {16, 64, 128, 256}, GRU and LSTM.</summary>
    private static bool ManyStreamsGrid(Type model) =>
        model.GetProperty("Spec")?.GetValue(null) is ModelSpec { InputSize: 1, Layers: 1, HiddenSize: 16 or 64 or 128 or 256 };

    private static bool Implements(Type type, Type genericInterface) =>
        type.IsClass && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == genericInterface);

    // The generated model's nested state type.
    private static Type History(Type model) =>
        model.GetNestedType("History") ?? throw new InvalidOperationException($"{model.Name} has no generated History.");

    private static Type State(Type model) =>
        model.GetNestedType("State") ?? throw new InvalidOperationException($"{model.Name} has no generated State.");
}
