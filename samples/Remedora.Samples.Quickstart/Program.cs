using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Remedora.Access;
using Remedora.Samples.Quickstart;

// #region register
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

// Until a storage provider is added, the sample answers the access policy's relationship questions from the care
// teams it creates. A storage provider (for example UseInMemoryStorage()) registers its own ICareRelationships.
builder.Services.AddSingleton<CareTeamDirectory>();
builder.Services.AddSingleton<ICareRelationships>(sp => sp.GetRequiredService<CareTeamDirectory>());

builder.Services.AddRemedora(remedora => remedora.Configure(options => options.ApplicationId = "quickstart"));
builder.Services.AddSingleton<QuickstartJourney>();
// #endregion register

using var host = builder.Build();
await host.StartAsync(); // validates the Remedora options
await host.Services.GetRequiredService<QuickstartJourney>().RunAsync(Console.Out);
await host.StopAsync();
