using Lpr.Training.Cli;

// `lpr-train`: train the plate recognizer and detector and export them to int8 TFLite (workstation only).
return await LprTrain.InvokeAsync(args, Console.Error).ConfigureAwait(false);
