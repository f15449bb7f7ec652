using System;

return GruNative.Trainer.CommandLine.Run(args, Console.Out, Console.Error);
