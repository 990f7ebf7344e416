using System.Net;
using System.Net.Sockets;

namespace BetterDns.Testing;

/// <summary>
/// Ports the kernel hands out (bind to 0, read it back) that are free for both TCP and UDP on loopback.
/// The probe socket is closed before the port is used, so the kernel may offer the same port again:
/// a port is handed out at most once per test process (a service given it for HTTP and for DNS would
/// collide with itself).
/// </summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            lock (HandedOut)
            {
                if (HandedOut.Contains(port))
                {
                    continue;
                }
            }

            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                lock (HandedOut)
                {
                    if (HandedOut.Add(port))
                    {
                        return port;
                    }
                }
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }

        throw new InvalidOperationException("no free port for both TCP and UDP");
    }
}
