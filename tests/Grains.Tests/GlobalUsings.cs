global using Actors.Jobs;
global using Orleans;
global using Orleans.Runtime;
