using System.CommandLine;

// `lpr`: thin verbs that parse arguments and call the libraries. One file per verb in Commands/.
var root = new RootCommand("lpr: Korean licence-plate recognition tools");
// Verbs (one line each):
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
