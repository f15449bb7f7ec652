namespace GruNative.Consumer.Tests;

/// <summary>The documented contract of State, of the arguments of every call, and of loading weights of another shape.</summary>
public sealed class ContractTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("grunative-consumer-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [MemberData(nameof(Cases.NameData), MemberType = typeof(Cases))]
    public void StateCopiesRestoresRejectsAndResets(string name) =>
        Cases.Get(name).CheckStateContract(AccuracyTests.SequenceFor(name, 200));

    [Theory]
    [MemberData(nameof(Cases.NameData), MemberType = typeof(Cases))]
    public void WrongLengthsThrowArgumentException(string name) =>
        Cases.Get(name).CheckArgumentValidation();

    [Theory]
    [MemberData(nameof(Cases.NameData), MemberType = typeof(Cases))]
    public void LoadingAnotherShapeThrowsWeightsFormatException(string name) =>
        Cases.Get(name).CheckWrongShapeLoads(_directory);
}
