using System.Net;
using System.Net.Http.Json;
using BetterDns.Tests.Infrastructure;

namespace BetterDns.Tests.Auth;

/// <summary>
/// Issue 12 row 16: a token signed with the right key whose <c>sub</c> is empty, blank or missing used to
/// answer 500 on every write. It is not a usable token: 401 with a problem body on every route, reads
/// and admin routes included, and nothing is registered.
/// </summary>
public sealed class TokenSubjectTests(BetterDnsApplication app) : IClassFixture<BetterDnsApplication>
{
    public static TheoryData<string?, string> UnusableSubjects()
    {
        var data = new TheoryData<string?, string>();
        foreach (var subject in new[] { "", " ", "\t", null })
        {
            foreach (var role in new[] { "vm", "admin" })
            {
                data.Add(subject, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnusableSubjects))]
    public async Task EveryRouteAnswers401ProblemToATokenWithoutAUsableSubject(string? subject, string role)
    {
        var claims = CraftedToken.Claims(app, role: role, names: "blank-*");
        if (subject is null)
        {
            claims.Remove("sub");
        }
        else
        {
            claims["sub"] = subject;
        }

        var client = app.CreateClient(CraftedToken.Sign(app, claims));
        HttpRequestMessage[] requests =
        [
            new(HttpMethod.Post, "/a") { Content = JsonContent.Create(new { name = "blank-1", ip = "10.3.20.1" }) },
            new(HttpMethod.Put, "/a/blank-1") { Content = JsonContent.Create(new { ip = "10.3.20.1" }) },
            new(HttpMethod.Delete, "/a/blank-1"),
            new(HttpMethod.Put, "/a/blank-1/heartbeat"),
            new(HttpMethod.Put, "/a/blank-1/maintenance") { Content = JsonContent.Create(new { enabled = true }) },
            new(HttpMethod.Get, "/a"),
            new(HttpMethod.Get, "/a/blank-1"),
            new(HttpMethod.Get, "/"),
        ];

        foreach (var request in requests)
        {
            var response = await client.SendAsync(request);

            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains("subject", problem.Detail());
        }

        await (await app.CreateAdminClient().GetNameAsync("blank-1")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
