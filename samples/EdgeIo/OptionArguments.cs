using System;

namespace GruNative.Samples.EdgeIo;

/// <summary>
/// The command line's words, read left to right: the next option, and the value that follows it. One cursor, so that an
/// option a sample parses itself takes its value from the same place as the options both samples share.
/// </summary>
public sealed class OptionArguments(string[] args)
{
    private int _next;

    /// <summary>The option being parsed: the word <see cref="MoveNext"/> read last.</summary>
    public string Option { get; private set; } = "";

    /// <summary>Reads the next word as an option; false at the end of the command line.</summary>
    public bool MoveNext()
    {
        if (_next >= args.Length)
            return false;
        Option = args[_next++];
        return true;
    }

    /// <summary>The word after the option: its value.</summary>
    /// <exception cref="UsageException">The option is the last word.</exception>
    public string Value() => _next < args.Length ? args[_next++] : throw new UsageException($"{Option} needs a value.");

    /// <summary>The word after the option when it is a value rather than the next option (it does not start with '-'); otherwise null.</summary>
    public string? OptionalValue() => _next < args.Length && !args[_next].StartsWith('-') ? args[_next++] : null;
}
