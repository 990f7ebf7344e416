using System.Diagnostics;
using System.Net;
using BetterDns.Reliability.Infrastructure;

namespace BetterDns.Reliability.ServerFaults;

/// <summary>
/// A running service under a fault, and the registrations it acknowledged: each test registers, breaks
/// something underneath, and checks that answers are 2xx or 503 problem details, that the service
/// resumes by itself, and that every acknowledged registration is still in GET /a, the zone file and DNS.
/// </summary>
public sealed class FaultedService(BetterDnsProcess service, string vm, string admin)
{
    private int _next;

    public BetterDnsProcess Service { get; } = service;

    public string Admin { get; } = admin;

    /// <summary>Registrations that got a 2xx: name → address.</summary>
    public Dictionary<string, string> Acknowledged { get; } = new(StringComparer.Ordinal);

    public int Unavailable { get; private set; }

    public static async Task<FaultedService> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        // Registering until the fault bites takes a few hundred requests from one token: no rate limit here.
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["RateLimit:Enabled"] = "false", ["Registry:MaxRecordsPerOwner"] = "100000" };
        var service = new BetterDnsProcess(dataDirectory, all);
        var tokens = await Task.WhenAll(service.CreateTokenAsync("fault-vm", "f-*"), service.CreateTokenAsync("fault-admin", admin: true));
        await service.StartAsync();
        return new FaultedService(service, tokens[0], tokens[1]);
    }

    /// <summary>Registers a new name: true on 2xx, false on 503 problem details with Retry-After; anything else fails the test.</summary>
    public async Task<bool> RegisterAsync()
    {
        var name = $"f-{_next}";
        var ip = new IPAddress([10, 66, (byte)(_next / 250), (byte)(_next % 250 + 1)]).ToString();
        _next++;
        using var response = await Service.Http.SendAsync(Api.Register(vm, name, ip));
        if (response.IsSuccessStatusCode)
        {
            Acknowledged[name] = ip;
            return true;
        }

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable,
            $"POST /a {name} under a fault: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.True(await Api.IsProblemAsync(response), "503 without problem details");
        Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
        Unavailable++;
        return false;
    }

    /// <summary>Registers <paramref name="count"/> names before a fault, every one acknowledged.</summary>
    public async Task RegisterHealthyAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await RegisterAsync(), "a registration before any fault was refused");
        }
    }

    /// <summary>Registers until one is refused with 503 (true) or <paramref name="attempts"/> all succeed (false).</summary>
    public async Task<bool> RegisterUntilUnavailableAsync(int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (!await RegisterAsync())
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Registers until one is acknowledged again; returns how long the service took to resume.</summary>
    public async Task<TimeSpan> RegisterUntilAcknowledgedAsync(TimeSpan within)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await RegisterAsync())
        {
            Assert.True(Stopwatch.GetElapsedTime(started) < within, $"the service did not resume within {within}:\n{Service.Tail(30)}");
            await Task.Delay(100);
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>Every acknowledged registration is in GET /a, in a zone file named-checkzone accepts, and in DNS.</summary>
    public async Task AssertNothingAcknowledgedIsLostAsync(TimeSpan? within = null)
    {
        var state = await ServiceState.ObserveAsync(Service, Admin, Acknowledged.Keys, within);
        var lost = Acknowledged.Where(p => !state[p.Key].Contains(p.Value)).Select(p => $"{p.Key} {p.Value}").ToList();
        Assert.True(lost.Count == 0, "acknowledged but lost: " + string.Join(", ", lost));
    }

    /// <summary>While writes fail, GET /a and DNS still answer with every acknowledged registration.</summary>
    public async Task AssertReadsStillWorkAsync()
    {
        var api = await Api.ListAsync(Service.Http, Admin);
        var dns = new DnsAnswers(Service.DnsEndPoint);
        foreach (var (name, ip) in Acknowledged)
        {
            Assert.True(api.TryGetValue(name, out var ips) && ips.Contains(ip), $"GET /a lost {name} {ip} under the fault");
            Assert.Contains(ip, await dns.AAsync(name));
        }
    }
}
