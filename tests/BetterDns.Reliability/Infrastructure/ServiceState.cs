using System.Diagnostics;

namespace BetterDns.Reliability.Infrastructure;

/// <summary>
/// The state of a running service seen three ways, which must agree: GET /a, the zone file on disk (as
/// BIND's tools read it, after <c>named-checkzone</c> accepts it) and the embedded DNS server's answers.
/// </summary>
public static class ServiceState
{
    /// <summary>
    /// GET /a restricted to <paramref name="names"/>, after checking that the zone file passes
    /// <c>named-checkzone</c> and holds the same addresses (it follows the journal within the flush interval,
    /// so it is read again until it passes and agrees or <paramref name="within"/> is up) and that DNS answers the same.
    /// Names with no registration map to an empty array.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> ObserveAsync(
        BetterDnsProcess service, string readToken, IReadOnlyCollection<string> names, TimeSpan? within = null)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var api = Restrict(await Api.ListAsync(service.Http, readToken), wanted);
            var problems = File.Exists(service.ZoneFile) ? await ZoneFileCheck.ProblemsAsync(service.ZoneFile) : "the zone file is missing";
            List<string> differences = problems is null
                ? Differences(api, Restrict(await ZoneFileCheck.AddressesAsync(service.ZoneFile), wanted))
                : ["named-checkzone refuses the zone file: " + problems];
            if (differences.Count == 0)
            {
                await AssertDnsAnswersAsync(service, api);
                return api;
            }

            if (Stopwatch.GetElapsedTime(started) > (within ?? TimeSpan.FromSeconds(10)))
            {
                Assert.Fail("the zone file and GET /a disagree: " + string.Join("; ", differences.Take(10)));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Names whose addresses differ between two views, with both sides.</summary>
    public static List<string> Differences(Dictionary<string, string[]> left, Dictionary<string, string[]> right) =>
        [.. left.Keys.Union(right.Keys).Order(StringComparer.Ordinal)
            .Where(name => !left[name].SequenceEqual(right[name], StringComparer.Ordinal))
            .Select(name => $"{name}: [{string.Join(' ', left[name])}] vs [{string.Join(' ', right[name])}]")];

    private static async Task AssertDnsAnswersAsync(BetterDnsProcess service, Dictionary<string, string[]> api)
    {
        var dns = new DnsAnswers(service.DnsEndPoint);
        var answers = await Task.WhenAll(api.Select(async pair => (pair.Key, Expected: pair.Value, Answer: await dns.AAsync(pair.Key))));
        var wrong = answers.Where(a => !a.Expected.SequenceEqual(a.Answer, StringComparer.Ordinal))
            .Select(a => $"{a.Key}: API [{string.Join(' ', a.Expected)}], DNS [{string.Join(' ', a.Answer)}]").ToList();
        Assert.True(wrong.Count == 0, "DNS answers differ from GET /a: " + string.Join("; ", wrong.Take(10)));
    }

    private static Dictionary<string, string[]> Restrict(Dictionary<string, string[]> all, HashSet<string> wanted) =>
        wanted.ToDictionary(name => name, name => all.GetValueOrDefault(name) ?? [], StringComparer.Ordinal);
}
