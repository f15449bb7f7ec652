using System.Runtime.InteropServices;
using TorchSharp;

namespace GruNative.TorchParity.Tests;

/// <summary>
/// Loads libtorch once for every test that uses it, and pins it to one intra-op thread. If libtorch cannot
/// be loaded, the constructor throws, so every test in <see cref="LibtorchCollection"/> fails with the reason.
/// The tests are not skipped: CI is expected to have libtorch working, and a skipped parity suite looks the
/// same as a passing one in most summaries.
/// </summary>
public sealed class LibtorchFixture
{
    public LibtorchFixture()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            // One thread: libtorch's GEMMs then sum in one fixed order, so every run gives the same bits,
            // and the suite does not compete with itself for the CI machine's two cores.
            torch.set_num_threads(1);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(Explain(ex), ex);
        }
    }

    private static string Explain(Exception ex)
    {
        var causes = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            causes.Add($"{e.GetType().Name}: {e.Message}");
        string preload = Environment.GetEnvironmentVariable("LD_PRELOAD") is { Length: > 0 } value ? $"'{value}'" : "not set";
        return "libtorch (TorchSharp-cpu) could not be loaded, so the libtorch parity tests cannot run. "
            + (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
                ? $"On Debian 12 the test host must start with the libstdc++ shim in LD_PRELOAD (now {preload}): "
                  + "`dotnet test` gets it from obj/torch-shim.runsettings, which eng/torch-shim/TorchShim.targets writes after each build; "
                  + "an explicit --settings file replaces that file and must set LD_PRELOAD itself. See eng/torch-shim/README.md. "
                : "")
            + "Cause: " + string.Join(" → ", causes);
    }
}

/// <summary>
/// Every test that touches libtorch. One collection, so its tests run one after another: libtorch's global
/// RNG (used by module initialisation) and thread settings are then never shared by two tests at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LibtorchCollection : ICollectionFixture<LibtorchFixture>
{
    public const string Name = "libtorch";
}
