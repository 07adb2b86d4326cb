global using System.Net;
global using System.Text;
global using Actors.Api.Tests.Infrastructure;
