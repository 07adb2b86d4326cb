global using Actors.Numbers;
