using BetterDns.Cli;

// `betterdns` is one executable: with no verb (or `serve`) it runs the service; other verbs are tools.
return await BetterDnsCli.RunAsync(args);

/// <summary>The entry point; public so WebApplicationFactory&lt;Program&gt; can find the host.</summary>
public partial class Program;
