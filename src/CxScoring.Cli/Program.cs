using CxScoring.Cli;

return await CxCommandLine.RunAsync(args);
