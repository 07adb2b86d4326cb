global using System.Net;
global using System.Text;
global using System.Text.Json;
global using Actors.Api.Tests.Infrastructure;
global using Actors.Console.Tests.Infrastructure;
