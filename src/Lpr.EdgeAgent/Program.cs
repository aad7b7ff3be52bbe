using Lpr.EdgeAgent;

// The whole agent is in AgentHost, so tests run the very same host builder in-process.
return await AgentHost.RunAsync(args, Console.Error);
