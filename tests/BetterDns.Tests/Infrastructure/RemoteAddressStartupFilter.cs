using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace BetterDns.Tests.Infrastructure;

/// <summary>TestServer has no socket: this sets the peer address Kestrel would report, ahead of the app's own pipeline.</summary>
public sealed class RemoteAddressStartupFilter(Func<IPAddress> peer) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress = peer();
            return following(context);
        });
        next(app);
    };
}
