using Microsoft.AspNetCore.Http.HttpResults;

namespace BetterDns.Records;

/// <summary>
/// A rule the edge enforces before a change reaches the registry (address entitlement, check limits):
/// answered as problem details whose <c>errors</c> name the field, shaped like a validation problem.
/// </summary>
public sealed record Refusal(int Status, string Title, string Field, string Detail)
{
    public ProblemHttpResult ToProblem() => TypedResults.Problem(
        detail: Detail,
        statusCode: Status,
        title: Title,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Field] = [Detail] } });
}
