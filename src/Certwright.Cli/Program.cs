using Certwright.Cli;

var root = CliApplication.CreateRootCommand();
var parseResult = root.Parse(args);
return await CliApplication.InvokeAsync(parseResult);
