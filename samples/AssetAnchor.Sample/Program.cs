using AssetAnchor.Sample;

var app = await SampleApplication.CreateAsync(args);
await app.RunAsync();

public partial class Program;
