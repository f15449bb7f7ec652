namespace GruNative.StreamingForecaster.Tests;

/// <summary>This project's program: samples/StreamingForecaster, built and copied beside the tests.</summary>
internal static class SampleBuild
{
    extension(ProgramUnderTest)
    {
        /// <summary>The program built by this test project's build (copied beside the tests), under the JIT.</summary>
        public static ProgramUnderTest Jit => Build;
    }

    private static readonly ProgramUnderTest Build = ProgramUnderTest.JitBuild("StreamingForecaster.dll");
}

/// <summary>A folder of its own for a test's files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"grunative-streaming-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
