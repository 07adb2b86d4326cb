global using Actors.Jobs;
global using Microsoft.AspNetCore.Http;
global using Microsoft.Extensions.Options;
global using Orleans;
