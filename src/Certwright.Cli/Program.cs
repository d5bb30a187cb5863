using Certwright.Cli;

var root = CliApplication.CreateRootCommand();
var parseResult = root.Parse(args, CliApplication.ParserConfiguration);
return await CliApplication.InvokeAsync(parseResult);
