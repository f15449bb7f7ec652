namespace GruNative.SegmentForecaster.Tests;

/// <summary>This project's program: samples/SegmentForecaster, built and copied beside the tests.</summary>
internal static class SampleBuild
{
    extension(ProgramUnderTest)
    {
        /// <summary>The program built by this test project's build (copied beside the tests), under the JIT.</summary>
        public static ProgramUnderTest Jit => Build;
    }

    private static readonly ProgramUnderTest Build = ProgramUnderTest.JitBuild("SegmentForecaster.dll");
}
