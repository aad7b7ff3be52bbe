using System.CommandLine;

var root = new RootCommand("lpr: Korean licence-plate recognition tools");
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
