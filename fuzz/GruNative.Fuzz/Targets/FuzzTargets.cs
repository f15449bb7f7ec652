namespace GruNative.Fuzz.Targets;

/// <summary>Every harness, in the order the fuzz script runs them.</summary>
public static class FuzzTargets
{
    public static FuzzTarget[] All { get; } =
    [
        new SafeTensorsTarget(), new JsonWeightsTarget(), new GeneratorTarget(), new MetadataTarget(), new CsvTarget(),
        new StateFileTarget(), new ObservationsTarget(), new CheckpointTarget(),
    ];
}
