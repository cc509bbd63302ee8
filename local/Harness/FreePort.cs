using System.Net;
using System.Net.Sockets;

namespace Harness;

/// <summary>Picks a loopback TCP port that is free right now, for a child process to listen on.</summary>
public static class FreePort
{
    public static int Loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
