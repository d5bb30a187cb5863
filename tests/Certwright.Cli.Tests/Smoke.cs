namespace Certwright.Cli.Tests;
