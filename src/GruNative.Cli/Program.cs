using System;

return GruNative.Cli.CommandLine.Run(args, Console.Out, Console.Error);
